import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { acknowledge } from '../../nag';

/** Baseline every Portico bucket shares: private, encrypted, TLS-only (1.2+), kept on stack deletion. */
const baseline = {
  blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
  encryption: BucketEncryption.S3_MANAGED,
  enforceSSL: true,
  minimumTLSVersion: 1.2,
  removalPolicy: RemovalPolicy.RETAIN,
} as const;

export interface LogBucketProps {
  /** CloudFront standard logs are written with ACLs, so that sink needs them enabled. */
  acceptsCloudFrontLogs?: boolean;
  /** How long log objects are kept. */
  retention?: Duration;
}

/** A sink for S3 server access logs (and optionally CloudFront logs), expiring old logs. */
export function logBucket(scope: Construct, id: string, props: LogBucketProps = {}): Bucket {
  const bucket = new Bucket(scope, id, {
    ...baseline,
    objectOwnership: props.acceptsCloudFrontLogs ? ObjectOwnership.BUCKET_OWNER_PREFERRED : ObjectOwnership.BUCKET_OWNER_ENFORCED,
    lifecycleRules: [{ expiration: props.retention ?? Duration.days(365) }],
  });
  acknowledge(bucket, 'AwsSolutions-S1', 'This bucket is the access-log sink itself; logging it to another bucket would only move the question one level up.');
  return bucket;
}

export interface PrivateBucketProps {
  logs: IBucket;
  logPrefix: string;
  versioned?: boolean;
}

/** A private data bucket whose server access logs go to `logs`. */
export function privateBucket(scope: Construct, id: string, props: PrivateBucketProps): Bucket {
  return new Bucket(scope, id, {
    ...baseline,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: props.versioned ?? true,
    serverAccessLogsBucket: props.logs,
    serverAccessLogsPrefix: props.logPrefix,
    // Versioning keeps overwritten files recoverable, but not forever.
    lifecycleRules:
      props.versioned === false ? undefined : [{ noncurrentVersionExpiration: Duration.days(90), abortIncompleteMultipartUploadAfter: Duration.days(7) }],
  });
}
