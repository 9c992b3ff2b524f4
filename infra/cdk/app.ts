/** The CDK app: reads the context settings, builds the stack and checks it with cdk-nag (a finding fails the synth). */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ParleyStack } from './parley-stack';
import { readSettings } from './settings';

const app = new App();
new ParleyStack(app, 'Parley', {
  description: 'Parley: serverless comments for a blog',
  settings: readSettings(app.node),
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }));
