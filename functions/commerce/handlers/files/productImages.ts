import type { RoomHandlers } from '../../../core/handlers';
import { created } from '../../../core/replies';
import * as images from '../../catalogue/productImages';

/** Product images (the files bucket): the upload ticket for staff and the CRM, the portal's redirect to a short-lived link. */
type Handlers = RoomHandlers<'commerce', 'files'>;

export const createProductImageUpload: Handlers['createProductImageUpload'] = async ({ caller, input }) =>
  created(await images.createProductImageUpload(caller, input.path.productId, input.body));
export const getProductImage: Handlers['getProductImage'] = async ({ caller, input }) => ({
  status: 302,
  headers: { location: await images.productImageLink(caller, input.path.productId, input.path.imageId), 'cache-control': 'private, max-age=240' },
});
