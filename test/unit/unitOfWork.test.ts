import { isConflict, retryOnConflict, StaleRead } from '../../functions/table/unitOfWork';

const conditionFailed = () => Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' });
const cancelled = (...codes: string[]) =>
  Object.assign(new Error('Transaction cancelled'), { name: 'TransactionCanceledException', CancellationReasons: codes.map((Code) => ({ Code })) });

describe('isConflict', () => {
  it('is a failed condition, also when wrapped, or a transaction cancelled by a condition or a concurrent transaction', () => {
    expect(isConflict(conditionFailed())).toBe(true);
    expect(isConflict(Object.assign(new Error('x'), { cause: conditionFailed() }))).toBe(true);
    expect(isConflict(cancelled('None', 'ConditionalCheckFailed'))).toBe(true);
    expect(isConflict(cancelled('TransactionConflict'))).toBe(true);
  });

  it('is not any other failure', () => {
    expect(isConflict(cancelled('None', 'ValidationError'))).toBe(false);
    expect(isConflict(Object.assign(new Error('x'), { name: 'ProvisionedThroughputExceededException' }))).toBe(false);
    expect(isConflict(undefined)).toBe(false);
  });
});

describe('retryOnConflict', () => {
  const exhausted = () => new Error('busy');

  it('runs the attempt again after a conflict or a stale read, and answers with the first that succeeds', async () => {
    const seen: number[] = [];
    const result = await retryOnConflict(
      async (n) => {
        seen.push(n);
        if (n === 0) throw cancelled('None', 'TransactionConflict');
        if (n === 1) throw new StaleRead();
        return 'done';
      },
      { exhausted },
    );
    expect(result).toBe('done');
    expect(seen).toEqual([0, 1, 2]);
  });

  it('gives up with the exhausted error after the attempts', async () => {
    let runs = 0;
    await expect(
      retryOnConflict(
        async () => {
          runs++;
          throw conditionFailed();
        },
        { exhausted, attempts: 3 },
      ),
    ).rejects.toThrow('busy');
    expect(runs).toBe(3);
  });

  it('does not retry any other error', async () => {
    let runs = 0;
    await expect(
      retryOnConflict(
        async () => {
          runs++;
          throw new Error('boom');
        },
        { exhausted },
      ),
    ).rejects.toThrow('boom');
    expect(runs).toBe(1);
  });
});
