import { HttpProblem } from './problem';
import type { LambdaHandler } from './types';

/** A route whose handler is being built: 501 until its feature lands (never left in a release). */
export const notYetBuilt: LambdaHandler = async () => {
  throw new HttpProblem(501, 'Not implemented', 'This route is being built.');
};
