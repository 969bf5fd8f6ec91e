import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import { ManagedPolicy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { HttpMethods, Bucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { TABLE_KEYS } from '../../functions/table/tableDesign';
import { FILES_CORS } from '../filesCors';
import { FILES_EXPIRY } from '../filesLifecycle';
import { acknowledgeWildcards } from '../nag';
import { logBucket, privateBucket } from './constructs/buckets';

const str = (name: string) => ({ name, type: AttributeType.STRING });

/** Stateful storage: the single DynamoDB table and the files bucket. Everything here is retained. */
export type DataStackProps = StackProps;

export class DataStack extends Stack {
  readonly table: ITable;
  readonly filesBucket: Bucket;
  readonly accessLogsBucket: Bucket;
  /** Object read/write on the files bucket, for the Lambdas that handle files. */
  readonly filesAccessPolicy: ManagedPolicy;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);

    // Key names come from the same module the repositories and the local table creator use.
    const table = new Table(this, 'Table', {
      partitionKey: str(TABLE_KEYS.partitionKey),
      sortKey: str(TABLE_KEYS.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // Invitations, direct links and idempotency records expire by themselves.
      timeToLiveAttribute: TABLE_KEYS.ttlAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const gsi of TABLE_KEYS.gsis) {
      table.addGlobalSecondaryIndex({ indexName: gsi.indexName, partitionKey: str(gsi.partitionKey), sortKey: str(gsi.sortKey) });
    }
    this.table = table;

    this.accessLogsBucket = logBucket(this, 'AccessLogs');
    // PDFs and attachments, keyed by tenant; handlers hand out short-lived presigned URLs.
    this.filesBucket = privateBucket(this, 'Files', { logs: this.accessLogsBucket, logPrefix: 'files/' });
    // ZIPs of selected PDFs and uploads never attached go after a day (infra/filesLifecycle.ts; the local runtime runs the same rules).
    for (const rule of FILES_EXPIRY) this.filesBucket.addLifecycleRule({ id: rule.id, prefix: rule.prefix, expiration: Duration.days(rule.days) });
    // The site uploads and downloads directly with presigned URLs; the signature, not CORS, is the guard (infra/filesCors.ts).
    this.filesBucket.addCorsRule({
      allowedOrigins: FILES_CORS.allowedOrigins,
      allowedMethods: FILES_CORS.allowedMethods.map((m) => m as HttpMethods),
      allowedHeaders: FILES_CORS.allowedHeaders,
      exposedHeaders: FILES_CORS.exposedHeaders,
      maxAge: FILES_CORS.maxAgeSeconds,
    });

    // Defined here, beside the bucket, so the one wildcard (object keys) is reviewed once.
    this.filesAccessPolicy = new ManagedPolicy(this, 'FilesAccess', {
      description: 'Portico: read and write objects of the files bucket',
      statements: [
        // AbortMultipartUpload: the ZIP job (documents/zips) streams its ZIP as a multipart upload and aborts it when the job fails.
        new PolicyStatement({
          actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
          resources: [this.filesBucket.arnForObjects('*')],
        }),
        // Without it S3 answers a HEAD of a missing key with 403 instead of 404, and handlers
        // could not tell "not there yet" (a PDF not rendered yet, an upload never made) from a
        // refusal. On the bucket itself, not its objects; handlers never list.
        new PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.filesBucket.bucketArn] }),
      ],
    });
    acknowledgeWildcards(this.filesAccessPolicy, this.filesAccessPolicy.document, [
      {
        finding: /^Resource::<Files[0-9A-F]{8}\.Arn>\/\*$/,
        reason:
          'Object keys are created at run time, each prefixed by its tenant, so no fixed ARN exists; handlers build every key from the ' +
          "caller's tenant and hand out presigned URLs for single keys only.",
      },
    ]);

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'FilesBucketName', { value: this.filesBucket.bucketName });
  }
}
