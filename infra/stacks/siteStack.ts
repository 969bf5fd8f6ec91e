import * as path from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  type HeadersFrameOption,
  type HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { type Policy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { ORIGIN_HEADER } from '../../functions/http/originSecret';
import { acknowledge, acknowledgeWildcards } from '../nag';
import { logBucket, privateBucket } from './constructs/buckets';
import { FORWARD_HOST_SOURCE, SPA_FALLBACK_SOURCE } from './site/edgeFunctions';
import { securityHeaderPolicy } from '../securityHeaders';

export interface SiteStackProps extends StackProps {
  /** Host name of the HTTP API's endpoint (origin of `/api/*`). */
  apiDomain: string;
  /** Sent to the API as `x-portico-origin` on every `/api/*` request: the API refuses requests without it. */
  originSecret: ISecret;
  portalBaseDomain: string;
  certificateArn?: string;
  /** The web build to upload; none in tests or before the first `npm run build:web`. */
  webBuildDir?: string;
  /** Origin of the files bucket, where pages PUT uploads with presigned URLs (CSP connect-src). */
  filesOrigin: string;
}

/**
 * CloudFront in front of everything: the one static site build for every tenant, and
 * `/api/*` passed to the HTTP API with the viewer's host as x-forwarded-host.
 */
export class SiteStack extends Stack {
  readonly siteBucket: Bucket;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: SiteStackProps) {
    super(scope, id, props);

    const logs = logBucket(this, 'Logs', { acceptsCloudFrontLogs: true, retention: Duration.days(180) });
    // Versioning would only keep superseded builds: each deploy uploads a complete one.
    this.siteBucket = privateBucket(this, 'Site', { logs, logPrefix: 'site-bucket/', versioned: false });

    const headers = this.securityHeaders(props.filesOrigin);
    const viewerRequest = (fnId: string, code: string, comment: string) => ({
      eventType: FunctionEventType.VIEWER_REQUEST,
      function: new CloudFrontFunction(this, fnId, { code: FunctionCode.fromInline(code), runtime: FunctionRuntime.JS_2_0, comment }),
    });

    const certificate = props.certificateArn ? Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn) : undefined;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Portico: every tenant portal and its /api',
      domainNames: certificate ? [`*.${props.portalBaseDomain}`] : undefined,
      certificate,
      // Only meaningful with an own certificate; the default one is fixed at TLSv1 by CloudFront.
      minimumProtocolVersion: certificate ? SecurityPolicyProtocol.TLS_V1_2_2021 : undefined,
      httpVersion: HttpVersion.HTTP2_AND_3,
      defaultRootObject: 'index.html',
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.siteBucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        compress: true,
        responseHeadersPolicy: headers,
        functionAssociations: [viewerRequest('SpaFallback', SPA_FALLBACK_SOURCE, 'Portico: client-side routes get index.html')],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new HttpOrigin(props.apiDomain, {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [OriginSslPolicy.TLS_V1_2],
            // Replaces any value the viewer sent; the API answers nothing without it (functions/http/originSecret.ts).
            customHeaders: { [ORIGIN_HEADER]: props.originSecret.secretValue.unsafeUnwrap() },
          }),
          // No redirects for API calls: a redirected POST loses its body.
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // Everything the viewer sent (cookies, query, headers) except Host, which must be the API's own.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
          functionAssociations: [viewerRequest('ForwardHost', FORWARD_HOST_SOURCE, 'Portico: viewer Host to x-forwarded-host')],
        },
      },
    });
    this.acknowledgeDistribution(Boolean(certificate));

    if (props.webBuildDir) this.deploySite(props.webBuildDir);

    new CfnOutput(this, 'DistributionDomainName', { value: this.distribution.distributionDomainName });
    new CfnOutput(this, 'DistributionId', { value: this.distribution.distributionId });
  }

  /** The one policy (infra/securityHeaders.ts) the local gateway sends too, on site and API responses alike. */
  private securityHeaders(filesOrigin: string): ResponseHeadersPolicy {
    const policy = securityHeaderPolicy(filesOrigin);
    const hsts = policy.strictTransportSecurity;
    return new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Portico security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: policy.contentSecurityPolicy, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.seconds(hsts.maxAgeSeconds),
          includeSubdomains: hsts.includeSubdomains,
          preload: hsts.preload,
          override: true,
        },
        contentTypeOptions: { override: policy.contentTypeOptions },
        referrerPolicy: { referrerPolicy: policy.referrerPolicy as HeadersReferrerPolicy, override: true },
        frameOptions: { frameOption: policy.frameOption as HeadersFrameOption, override: true },
      },
      customHeadersBehavior: { customHeaders: Object.entries(policy.custom).map(([header, value]) => ({ header, value, override: true })) },
      removeHeaders: policy.removed,
    });
  }

  private acknowledgeDistribution(hasCertificate: boolean): void {
    const d = this.distribution;
    acknowledge(d, 'AwsSolutions-CFR1', 'Tenants serve customers and suppliers in any country; no geography is excluded by product decision.');
    acknowledge(
      d,
      'AwsSolutions-CFR2',
      'No WAF yet: a CLOUDFRONT-scope web ACL must live in us-east-1 and costs per rule; the API is throttled at its stage and handlers rate-limit sign-in. ' +
        'Tracked for the first production tenant (docs/deploy.md).',
    );
    if (!hasCertificate) {
      acknowledge(
        d,
        'AwsSolutions-CFR4',
        'Without a certificateArn the distribution can only use the default *.cloudfront.net certificate, whose policy CloudFront fixes at TLSv1; ' +
          'deployments with a certificate use TLSv1.2_2021.',
      );
    }
  }

  /** Uploads the build: hashed assets cached for a year, everything else revalidated on each visit. */
  private deploySite(dir: string): void {
    // Own role and log group instead of the defaults (AWSLambdaBasicExecutionRole, a LogRetention function).
    const role = new Role(this, 'DeployRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    const logGroup = new LogGroup(this, 'DeployLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    logGroup.grantWrite(role);
    const common = { destinationBucket: this.siteBucket, role, logGroup, prune: false, memoryLimit: 512 };
    const assets = new BucketDeployment(this, 'DeployAssets', {
      ...common,
      sources: [Source.asset(path.join(dir, 'assets'))],
      destinationKeyPrefix: 'assets/',
      cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
    });
    const pages = new BucketDeployment(this, 'DeployPages', {
      ...common,
      sources: [Source.asset(dir, { exclude: ['assets'] })], // Vite puts every hashed file in assets/
      cacheControl: [CacheControl.fromString('public, max-age=0, must-revalidate')],
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });
    // index.html must never point at assets that are not uploaded yet.
    pages.node.addDependency(assets);
    this.acknowledgeDeployment(role);
  }

  /** The deployment handler is CDK's own; its grants come from BucketDeployment, not from us. */
  private acknowledgeDeployment(role: Role): void {
    const policy = role.node.findChild('DefaultPolicy') as Policy;
    acknowledgeWildcards(policy, policy.document, [
      {
        finding: /^Action::s3:(GetBucket|GetObject|List|Abort|DeleteObject)\*$/,
        reason:
          'Action families granted by CDK BucketDeployment itself (read the staged asset, sync the site bucket); only that CDK-managed handler assumes this role.',
      },
      {
        finding: /^Resource::arn:[^:]+:s3:::cdk-[a-z0-9]+-assets-.+\/\*$/,
        reason: 'Objects of the CDK bootstrap asset bucket: the handler downloads the zipped site build that cdk deploy staged there.',
      },
      { finding: /^Resource::<Site[0-9A-F]{8}\.Arn>\/\*$/, reason: 'Every object of the site bucket: each deployment uploads and replaces the build.' },
      {
        finding: /^Resource::\*$/,
        reason:
          "cloudfront:CreateInvalidation/GetInvalidation as BucketDeployment grants them; the handler only invalidates this stack's distribution, which it is given explicitly.",
      },
    ]);
    for (const child of this.node.children) {
      if (child.node.id.startsWith('Custom::CDKBucketDeployment')) {
        acknowledge(child, 'AwsSolutions-L1', "CDK's own BucketDeployment handler: aws-cdk-lib picks and updates its Python runtime.");
      }
    }
  }
}
