import { randomUUID } from 'node:crypto';
import { deleteFile, fileInfo, presignDownload, presignUpload, putFile } from '../../functions/aws/files';
import { handlerEnvironment } from '../../infra/local/runtime';
import { standInEndpoints } from '../support/stack';

/*
 * Against the run's S3 stand-in, which checks presigned URLs as S3 does
 * (infra/local/standins/s3.ts), so a PUT of another type or size is refused here too.
 */
beforeAll(() => {
  Object.assign(process.env, handlerEnvironment(standInEndpoints(), 'portico-files-test-unused', 'http://127.0.0.1:9', 9));
});

const bytes = (text: string) => new TextEncoder().encode(text);

describe('the files bucket', () => {
  it('takes a presigned PUT of exactly the declared type and size', async () => {
    const key = `uploads/${randomUUID()}`;
    const body = bytes('%PDF-1.7 pretend');
    const ticket = await presignUpload(key, { contentType: 'application/pdf', size: body.length });
    expect(ticket.headers).toEqual({ 'content-type': 'application/pdf' });
    expect(Date.parse(ticket.expiresAt) - Date.now()).toBeGreaterThan(290_000);
    const put = await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body });
    expect(put.status).toBe(200);
    expect(await fileInfo(key)).toEqual({ size: body.length, contentType: 'application/pdf' });
  });

  it('refuses a presigned PUT of another content type or another size', async () => {
    const key = `uploads/${randomUUID()}`;
    const body = bytes('twelve bytes');
    const ticket = await presignUpload(key, { contentType: 'image/png', size: body.length });
    const otherType = await fetch(ticket.url, { method: 'PUT', headers: { 'content-type': 'text/html' }, body });
    expect(otherType.status).toBe(403);
    const bigger = await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body: bytes('twelve bytes and more') });
    expect(bigger.status).toBe(403);
    const noType = await fetch(ticket.url, { method: 'PUT', body });
    expect(noType.status).toBe(403);
    expect(await fileInfo(key)).toBeUndefined();
  });

  it('serves a presigned GET with the bytes and an attachment disposition naming the file', async () => {
    const key = `documents/${randomUUID()}.pdf`;
    const body = bytes('the invoice bytes');
    await putFile(key, body, { contentType: 'application/pdf' });
    const link = await presignDownload(key, { fileName: 'Invoice “INV-1001” (£).pdf', contentType: 'application/pdf' });
    expect(link.fileName).toBe('Invoice “INV-1001” (£).pdf');
    const res = await fetch(link.url);
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(body);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toBe(`attachment; filename="Invoice _INV-1001_ (_).pdf"; filename*=UTF-8''Invoice%20%E2%80%9CINV-1001%E2%80%9D%20%28%C2%A3%29.pdf`);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(link.fileName);
  });

  it('keeps line breaks and quotes out of the disposition header', async () => {
    const key = `documents/${randomUUID()}`;
    await putFile(key, bytes('x'), { contentType: 'text/plain' });
    const res = await fetch((await presignDownload(key, { fileName: 'a"b\r\nSet-Cookie: x=1.txt' })).url);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="a_bSet-Cookie: x=1.txt"; filename*=UTF-8''a%22bSet-Cookie%3A%20x%3D1.txt`);
  });

  it('has no info for a missing key, and none after a delete', async () => {
    expect(await fileInfo(`missing/${randomUUID()}`)).toBeUndefined();
    const key = `documents/${randomUUID()}`;
    await putFile(key, bytes('gone soon'), { contentType: 'text/plain', contentDisposition: 'attachment' });
    expect(await fileInfo(key)).toEqual({ size: 9, contentType: 'text/plain' });
    await deleteFile(key);
    expect(await fileInfo(key)).toBeUndefined();
  });
});
