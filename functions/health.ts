import { defineHandler } from '../shared/http/define-handler';
import { Health } from '../shared/routes/health';
import { health } from '../shared/usecases/read-models';

export const handler = defineHandler(Health, () => health());
