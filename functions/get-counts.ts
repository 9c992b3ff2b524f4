import { defineHandler } from '../shared/http/define-handler';
import { GetCounts } from '../shared/routes/get-counts';
import { countComments } from '../shared/usecases/read-models';

export const handler = defineHandler(GetCounts, ({ query }) => countComments(query.post));
