/** The leak scan used by every reliability file must find each kind of leak it claims to find. */
import { findLeaks, type Exchange } from '../support/reliability/traffic';

const TOKEN = 'A'.repeat(20) + 'b'.repeat(23);
const OTHER_TOKEN = 'C'.repeat(43);
const IP_HASH = 'h'.repeat(43);

const exchange = (over: Partial<Exchange>): Exchange => ({
  method: 'GET',
  path: '/v1/comments?post=a',
  requestBody: '',
  requestHeaders: {},
  status: 200,
  headers: {},
  text: '{}',
  json: undefined,
  startedAt: 0,
  ms: 1,
  timedOut: false,
  error: undefined,
  ...over,
});

const secrets = {
  emails: ['terri@example.org'],
  ips: ['127.0.0.12'],
  ipHashes: [IP_HASH],
  editTokenHashes: [],
  hiddenMarkers: ['mk0123456789x7'],
};

test('the leak scan reports an email, a client address, an IP hash, someone else\u2019s edit token and a held comment\u2019s text, and allows a poster their own token and text', () => {
  const own = exchange({
    method: 'POST',
    path: '/v1/comments',
    status: 201,
    requestBody: '{"body":"hello (mk0123456789x7)"}',
    text: `{"editToken":"${TOKEN}","comment":{"html":"hello (mk0123456789x7)"}}`,
    json: { editToken: TOKEN },
  });
  const other = exchange({
    method: 'POST',
    path: '/v1/comments',
    status: 201,
    text: `{"editToken":"${OTHER_TOKEN}"}`,
    json: { editToken: OTHER_TOKEN },
  });
  expect(findLeaks([own, other], secrets)).toEqual([]);

  const leaky = [
    exchange({ text: '{"email":"Terri@Example.org"}' }),
    exchange({ text: '{"ip":"127.0.0.12"}' }),
    exchange({ text: `{"x":"${IP_HASH}"}` }),
    exchange({ text: `{"token":"${TOKEN}"}` }),
    exchange({ text: '{"html":"held text (mk0123456789x7)"}' }),
  ];
  const found = findLeaks([own, other, ...leaky], secrets);
  expect(found).toHaveLength(5);
  expect(found.join('\n')).toMatch(/email[\s\S]*client address[\s\S]*stored hash[\s\S]*edit token[\s\S]*never public/);
  // 127.0.0.120 is not 127.0.0.12.
  expect(findLeaks([exchange({ text: '127.0.0.120' })], secrets)).toEqual([]);
});
