/**
 * The stack synthesized for template assertions: without bundling (the assertions read the
 * template), with path metadata so a resource is found by its construct path.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ParleyStack } from '../../infra/cdk/parley-stack';
import { readSettings } from '../../infra/cdk/settings';

export type Resource = { Type: string; Properties: Record<string, any>; Metadata?: Record<string, any> };

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-cdk-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

export const synthStack = (context: Record<string, unknown>) => {
  const app = new App({
    outdir: fs.mkdtempSync(path.join(tmp, 'out-')),
    context: {
      'aws:cdk:enable-path-metadata': true,
      'aws:cdk:bundling-stacks': [],
      allowedOrigins: 'https://blog.example.org',
      ...context,
    },
  });
  const stack = new ParleyStack(app, 'Parley', { settings: readSettings(app.node), widgetDir: path.join(tmp, 'none') });
  const template = Template.fromStack(stack);
  const resources = template.toJSON().Resources as Record<string, Resource>;
  /** The logical id of the resource at a construct path. */
  const idAt = (cdkPath: string): string => {
    const found = Object.entries(resources).find(([, r]) => r.Metadata?.['aws:cdk:path'] === cdkPath);
    if (!found) throw new Error(`No resource at ${cdkPath}`);
    return found[0];
  };
  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  return { stack, template, resources, idAt, ofType };
};
