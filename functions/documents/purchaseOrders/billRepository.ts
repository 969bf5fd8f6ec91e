import { getItem, putWrite, toItem, notExists, type Keys, type Write } from '../../table/db';
import { numberKey } from '../documentRepository';

/**
 * A bill a supplier submitted against a purchase order, keyed by the supplier company and
 * the bill's number: the item is both the record and the guard that a company submits a
 * number once (its Put is conditional on the key being free, in the submission's
 * transaction). Numbers compare as the document lists search them: trimmed, upper case.
 */
export type SubmittedBill = {
  tenantId: string;
  companyId: string;
  billId: string;
  number: string;
  issueDate: string;
  amount: number;
  currency: string;
  purchaseOrderId: string;
  purchaseOrderNumber: string;
  /** The PDF: an upload beside the purchase order, claimed by this bill. */
  attachmentId: string;
  fileName: string;
  size: number;
  userId: string;
  by: string;
  at: string;
  ip?: string;
  userAgent?: string;
};

const ENTITY = 'submittedBill';
const FIELDS = [
  'tenantId',
  'companyId',
  'billId',
  'number',
  'issueDate',
  'amount',
  'currency',
  'purchaseOrderId',
  'purchaseOrderNumber',
  'attachmentId',
  'fileName',
  'size',
  'userId',
  'by',
  'at',
  'ip',
  'userAgent',
] as const;

const billKey = (tenantId: string, companyId: string, number: string): Keys => ({
  pk: `TENANT#${tenantId}#COMPANY#${companyId}#SUBMITTED-BILL#${numberKey(number)}`,
  sk: 'SUBMITTED-BILL',
});

export const billRepository = {
  async get(tenantId: string, companyId: string, number: string): Promise<SubmittedBill | undefined> {
    return getItem<SubmittedBill>(billKey(tenantId, companyId, number), FIELDS, true);
  },
  /** The Put of a new bill, for the submission's transaction: only while the number is free. */
  createWrite(bill: SubmittedBill): Write {
    return putWrite(toItem(bill, FIELDS, billKey(bill.tenantId, bill.companyId, bill.number), ENTITY), notExists);
  },
};
