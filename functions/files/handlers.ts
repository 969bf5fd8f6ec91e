/**
 * The routes that touch the files bucket — document PDFs, uploads, attachment links and
 * the message threads that attach uploads — for both sides. They are their own Lambda so
 * the S3 client, the presigner and the PDF writer stay out of the portal and admin bundles.
 */
export * from './portalFileHandlers';
export * from './portalMessageHandlers';
export * from './adminFileHandlers';
export * from './adminMessageHandlers';
