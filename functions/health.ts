import { lambdaHandler } from '../shared/http/lambda-handler';
import { health } from '../shared/usecases/read-models';

export const handler = lambdaHandler('no-store', async () => ({ status: 200, body: await health() }));
