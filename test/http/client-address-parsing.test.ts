import { clientAddress, viewerIp } from '../../shared/http/client-address';

const secret = 'origin-secret';
const req = (headers: Record<string, string>) => ({ sourceIp: '192.0.2.80', headers });

test('CloudFront-Viewer-Address gives the IPv4 or IPv6 address without its port; anything else is no address', () => {
  expect(viewerIp('198.51.100.10:46532')).toBe('198.51.100.10');
  expect(viewerIp('2001:db8::1:46532')).toBe('2001:db8::1');
  expect(viewerIp('[2001:db8::1]:46532')).toBe('2001:db8::1');
  for (const bad of [undefined, '', 'evil', '999.1.1.1:1', ':80', 'a:b:c'] as const)
    expect(viewerIp(bad)).toBe(undefined);
});

test('the viewer address is the client only with the origin secret; otherwise the source address is', () => {
  const viewer = { 'cloudfront-viewer-address': '198.51.100.10:1' };
  expect(clientAddress(req({ ...viewer, 'x-origin-verify': secret }), secret)).toBe('198.51.100.10');
  expect(clientAddress(req({ ...viewer, 'x-origin-verify': 'nope' }), secret)).toBe('192.0.2.80');
  expect(clientAddress(req(viewer), secret)).toBe('192.0.2.80');
  expect(clientAddress(req({ ...viewer, 'x-origin-verify': '' }), '')).toBe('192.0.2.80');
  expect(clientAddress(req({ 'x-origin-verify': secret, 'cloudfront-viewer-address': 'junk' }), secret)).toBe(
    '192.0.2.80',
  );
});
