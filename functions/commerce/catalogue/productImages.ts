import type { ProductImageTicket } from '../../../shared/api/catalogueAdmin';
import { presignDownload, presignUpload } from '../../aws/files';
import type { AdminCaller, PortalCaller } from '../../core/callers';
import { notFoundIn } from '../../core/problems';
import { newId } from '../../core/ids';
import { productImageKey } from './catalogueViews';
import { productRepository, unavailableReason } from './productRepository';

/**
 * Product images in the files bucket (the `files` Lambda holds the S3 client): staff or
 * the CRM upload one by a presigned PUT (PNG, JPEG or WebP only, the type and size signed
 * into it), then name its id in the product; the portal gets each through a route that
 * checks the caller may see the product and redirects to a short-lived presigned GET.
 */

const UPLOAD_URL_SECONDS = 300;
const IMAGE_LINK_SECONDS = 300;

export async function createProductImageUpload(
  caller: AdminCaller,
  productId: string,
  input: { fileName: string; contentType: string; size: number },
): Promise<ProductImageTicket> {
  // The product may not exist yet: a sync uploads its images before it sends the product naming them.
  const imageId = newId('img');
  const ticket = await presignUpload(productImageKey(caller.tenantId, productId, imageId), {
    contentType: input.contentType,
    size: input.size,
    expiresInSeconds: UPLOAD_URL_SECONDS,
  });
  return { imageId, ...ticket };
}

/**
 * A short-lived link to one image of a product the caller's company may see (404 for any
 * other). The route's permission (`catalog:read`, and so the module) is checked by the
 * adapter; a contact whose catalogue access is switched off is not asked for here: it
 * would bring the catalogue terms (and the payment settings) into the `files` Lambda,
 * which is at its 600 KB budget, for a picture of a product their company sees anyway.
 */
export async function productImageLink(caller: PortalCaller, productId: string, imageId: string): Promise<string> {
  const product = await productRepository.get(caller.tenantId, productId);
  if (!product || unavailableReason(product, caller.companyId) || !product.images.some((i) => i.imageId === imageId)) throw notFoundIn('image');
  const link = await presignDownload(productImageKey(caller.tenantId, productId, imageId), { fileName: imageId, expiresInSeconds: IMAGE_LINK_SECONDS });
  return link.url;
}
