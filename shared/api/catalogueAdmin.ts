import * as z from 'zod/mini';
import type { CatalogueSettingsInput, ProductBody } from './catalogue';
import { id, lazily, trimmed } from './common';
import type { PaymentMethod } from './payments';

/**
 * What staff and the CRM read back of the catalogue (the admin API): products as stored,
 * the settings and the company and contact overrides. The inputs are in ./catalogue.ts.
 */

/** Image types a product may show: raster only (an SVG could carry script). */
export const PRODUCT_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const MAX_PRODUCT_IMAGE_BYTES = 5 * 1024 * 1024;

/** POST /api/admin/products/{productId}/images: a presigned upload; its `imageId` then goes in the product's `images`. */
export const productImageUploadBody = lazily(() =>
  z.strictObject({
    fileName: trimmed(200),
    contentType: z.enum(PRODUCT_IMAGE_TYPES),
    size: z.number().check(z.int(), z.minimum(1), z.maximum(MAX_PRODUCT_IMAGE_BYTES, `must be at most ${MAX_PRODUCT_IMAGE_BYTES / 1024 / 1024} MB`)),
  }),
);

/** GET /api/catalogue/products/{productId}/images/{imageId}: a product image (a redirect to a short-lived link). */
export const productImagePath = lazily(() => z.strictObject({ productId: id, imageId: id }));

/** A product as the admin API shows it: the CRM's fields, the stored HTML, and whether it was withdrawn. */
export type AdminProductView = ProductBody & {
  productId: string;
  descriptionHtml: string;
  /** Set once withdrawn: no longer in the catalogue. */
  withdrawnAt?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export interface AdminProductPage {
  items: AdminProductView[];
  cursor?: string;
}

/** POST /api/admin/products/batch: each product's outcome, in the order sent. */
export interface ProductBatchResult {
  results: Array<{ productId: string; status: 'created' | 'updated' | 'unchanged' } | { productId: string; status: 'failed'; detail: string }>;
}

export type CatalogueSettingsView = CatalogueSettingsInput & { configured: boolean; updatedAt?: string; updatedBy?: string };

export interface CatalogueOverridesView {
  access?: boolean;
  placeOrders?: boolean;
  quoteRequests?: boolean;
  pricesHidden?: boolean;
  stockDisplay?: 'number' | 'indication' | 'none';
  showIncoming?: boolean;
  updatedAt?: string;
}
export type CompanyCatalogueView = CatalogueOverridesView & { companyId: string; currency?: string; discountBps: number };
export type ContactCatalogueView = CatalogueOverridesView & { contactId: string; paymentMethods?: PaymentMethod[] | null };

/** A presigned upload of a product image: PUT the file to `url` with `headers`, then name `imageId` in the product's `images`. */
export interface ProductImageTicket {
  imageId: string;
  url: string;
  headers: Record<string, string>;
  expiresAt: string;
}
