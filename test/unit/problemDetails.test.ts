import middy from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { problemDetails } from '../../functions/http/problemDetails';
import { Problem } from '../../functions/core/problems';

const event = { rawPath: '/api/x', requestContext: { requestId: 'req-1' } } as unknown as APIGatewayProxyEventV2;
const invoke = (error: Error) =>
  middy()
    .use(problemDetails())
    .handler(async () => {
      throw error;
    })(event, {} as Context) as Promise<{ statusCode: number; headers: Record<string, string>; body: string }>;

describe('problem details', () => {
  it('keeps an expected problem with its status, fields and the request id', async () => {
    const res = await invoke(new Problem(409, 'Conflict', 'Already there', [{ name: 'body.email', reason: 'taken' }], 'conflict'));
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(res.body)).toEqual({
      type: 'https://portico.dev/problems/conflict',
      title: 'Conflict',
      status: 409,
      detail: 'Already there',
      instance: '/api/x',
      errors: [{ name: 'body.email', reason: 'taken' }],
      requestId: 'req-1',
    });
  });

  it('answers an unexpected error with a bare 500 that leaks neither message nor stack', async () => {
    const res = await invoke(new Error('connect ECONNREFUSED 10.0.0.1:5432 secret-table-name'));
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toMatch(/ECONNREFUSED|secret-table-name|at .*\.ts/);
    expect(JSON.parse(res.body)).toMatchObject({ status: 500, title: 'Internal error' });
  });
});
