/**
 * cdk-nag's AwsSolutions pack over the whole stack (widget included): no unacknowledged error
 * or warning, and every acknowledgment is narrow and explained. Synthesized without bundling:
 * the rules look at the template, not at the code.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { ParleyStack } from '../../infra/cdk/parley-stack';
import { readSettings } from '../../infra/cdk/settings';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-nag-'));
const widgetDir = path.join(tmp, 'widget');
fs.mkdirSync(widgetDir);
for (const name of ['embed.js', 'count.js', 'widget.3f9a1c2e.js'])
  fs.writeFileSync(path.join(widgetDir, name), '/* placeholder */\n');

const app = new App({
  outdir: path.join(tmp, 'out'),
  context: { allowedOrigins: 'https://blog.example.org', alarmEmail: 'ops@example.org', 'aws:cdk:bundling-stacks': [] },
});
const stack = new ParleyStack(app, 'Parley', { settings: readSettings(app.node), widgetDir });

const acknowledgments = (scope: IConstruct): Array<{ path: string; id: string; reason: string }> =>
  scope.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) =>
          Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ path: c.node.path, id, reason })),
        ),
    );

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('AwsSolutions checks find no unacknowledged error or warning in the stack', () => {
  const { violations } = new AwsSolutionsChecks().validateScope(stack);
  expect(
    violations.map((v) => `${v.severity} ${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(', ')}`),
  ).toEqual([]);
});

test('the checks are live: an unprotected bucket in another stack is reported', () => {
  const other = new Stack(new App(), 'Other');
  new s3.Bucket(other, 'Loose');
  const { violations } = new AwsSolutionsChecks().validateScope(other);
  expect(violations.map((v) => v.ruleName)).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
});

test('every acknowledgment names an AwsSolutions rule, a reason, and a resource below the stack (none stack-wide)', () => {
  const acks = acknowledgments(stack);
  expect(acks.length).toBeGreaterThan(0);
  for (const ack of acks) {
    expect(ack.id).toMatch(/AwsSolutions-[A-Z]+\d+/);
    expect(ack.reason.length).toBeGreaterThan(40);
    expect(ack.path).not.toBe(stack.node.path);
  }
});

test('every acknowledgment is needed: removing one would surface a finding', () => {
  const acks = acknowledgments(stack);
  // Re-run the rules with the acknowledgments ignored and compare.
  const raw = new AwsSolutionsChecks();
  (raw as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
  const found = raw
    .validateScope(stack)
    .violations.flatMap((v) => v.violatingResources.map((r) => ({ rule: v.ruleName, path: r.constructPath })));
  const unneeded = acks
    .map((ack) => ({ rule: ack.id.replace(/^Annotation::/i, ''), path: ack.path }))
    .filter(
      (ack) =>
        !found.some((f) => f.rule === ack.rule && (f.path === ack.path || (f.path ?? '').startsWith(`${ack.path}/`))),
    );
  expect(unneeded).toEqual([]);
});
