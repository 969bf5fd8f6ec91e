import { groupLambda } from '../http/dispatch';
import * as handlers from './handlers';

export const handler = groupLambda('payments', handlers);
