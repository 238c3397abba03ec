import { type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { ORIGIN_SECRET_HEADER, VIEWER_HOST_HEADER, VIEWER_IP_HEADER } from '../../src/lambda/edge-contract.ts';
import { ACCESS_LOG_DAYS } from '../../src/site-config.ts';
import { contentSecurityPolicy } from '../../src/styles/content-security-policy.ts';

/**
 * The Content-Security-Policy of every response (src/styles/content-security-policy.ts): only this origin's own files,
 * no inline script, and no inline style but the site's stylesheet, allowed by its hash; no framing.
 */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/**
 * Resolves Astro's directory URLs (`/contact/` → `/contact/index.html`; `/contact` → redirect to `/contact/`). The
 * redirect always stays on this site (a path that starts with two slashes, or a slash and a backslash, would name
 * another host), and keeps the query string whole: every value as the viewer sent it (CloudFront hands them over still
 * encoded), repeated keys included.
 */
export const DIRECTORY_INDEX = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.endsWith('/')) {
    request.uri = uri + 'index.html';
    return request;
  }
  if (uri.lastIndexOf('.') > uri.lastIndexOf('/')) return request;
  var path = '/' + uri.replace(/^[\\/\\\\]+/, '') + '/';
  var pairs = [];
  Object.keys(request.querystring).forEach(function (key) {
    var entry = request.querystring[key];
    (entry.multiValue || [entry]).forEach(function (item) {
      pairs.push(key + '=' + item.value);
    });
  });
  var location = path + (pairs.length ? '?' + pairs.join('&') : '');
  return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: location } } };
}`;

/**
 * Passes the viewer's IP and the host they asked for to the API, in headers the client cannot set (any value it sent
 * is replaced).
 */
export const VIEWER_HEADERS = `function handler(event) {
  event.request.headers['${VIEWER_IP_HEADER}'] = { value: event.viewer.ip };
  event.request.headers['${VIEWER_HOST_HEADER}'] = { value: event.request.headers.host ? event.request.headers.host.value : '' };
  return event.request;
}`;

/** Props of the static site. */
export interface StaticSiteProps {
  /** The built site (dist/). */
  siteDirectory: string;
  /** The API's host name (API Gateway), served under /api/*. */
  apiDomainName: string;
  /** The secret header value CloudFront sends to the API. */
  originSecret: string;
  /** The WAF web ACL (in us-east-1) to attach. */
  webAclArn: string;
  /** Custom domain and certificate, when the stage has them. */
  domain?: { names: string[]; certificate: ICertificate };
}

/**
 * The site: a private S3 bucket behind CloudFront with origin access control, `/api/*` forwarded uncached to the
 * HTTP API on the same origin, strict security headers on every behaviour, the WAF, and the build deployed with
 * an invalidation.
 */
export class StaticSite extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: StaticSiteProps) {
    super(scope, id);
    const logs = new Bucket(this, 'Logs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logs are written with ACLs.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      // What the privacy notice says: a request's address may carry a results link's key, so the logs go soon.
      lifecycleRules: [{ expiration: Duration.days(ACCESS_LOG_DAYS) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 's3/',
      // The site is rebuilt from git at every deploy: nothing in the bucket needs keeping.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Strict security headers for every response',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, preload: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          {
            header: 'Permissions-Policy',
            value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
            override: true,
          },
        ],
      },
    });
    // HTML and the stylesheet change with each deploy: browsers and edges keep them for minutes, not days.
    const shortCache = new CachePolicy(this, 'PageCache', {
      comment: 'HTML: short-lived',
      defaultTtl: Duration.minutes(5),
      maxTtl: Duration.hours(1),
      minTtl: Duration.seconds(0),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const s3 = S3BucketOrigin.withOriginAccessControl(this.bucket);
    const api = new HttpOrigin(props.apiDomainName, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      customHeaders: { [ORIGIN_SECRET_HEADER]: props.originSecret },
    });
    const directoryIndex = new EdgeFunction(this, 'DirectoryIndex', {
      code: FunctionCode.fromInline(DIRECTORY_INDEX),
      runtime: FunctionRuntime.JS_2_0,
    });
    const viewerIp = new EdgeFunction(this, 'ViewerIp', { code: FunctionCode.fromInline(VIEWER_HEADERS), runtime: FunctionRuntime.JS_2_0 });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Site and /api',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: s3,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        compress: true,
        cachePolicy: shortCache,
        responseHeadersPolicy: headers,
        functionAssociations: [{ function: directoryIndex, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        // Astro's hashed bundles never change under the same name: cache them for a year.
        '/_astro/*': {
          origin: s3,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          compress: true,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: headers,
        },
        '/api/*': {
          origin: api,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          // Every API answer is personal or a write: never cached.
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // All viewer headers, query strings and cookies, but API Gateway needs its own Host.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
          functionAssociations: [{ function: viewerIp, eventType: FunctionEventType.VIEWER_REQUEST }],
        },
      },
      // S3 answers 403 for a missing object (the bucket is private): show the site's own 404 page with status 404.
      // The API's own 404s pass through unchanged; its only 403 through CloudFront refuses a post that a browser says
      // came from another site, and the page that posted it sees this 404 page instead of the API's explanation.
      errorResponses: [{ httpStatus: 403, responseHttpStatus: 404, responsePagePath: '/404.html', ttl: Duration.minutes(1) }],
      webAclId: props.webAclArn,
      httpVersion: HttpVersion.HTTP2_AND_3,
      // North America and Europe edges: the consultancy's market, at the lowest price class.
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      ...(props.domain
        ? {
            domainNames: props.domain.names,
            certificate: props.domain.certificate,
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });

    // Hashed assets first, with a year of caching; then pages with a short one, pruning what a build removed.
    const assets = new BucketDeployment(this, 'DeployAssets', {
      sources: [Source.asset(props.siteDirectory, { exclude: ['*', '!_astro', '!_astro/**'] })],
      destinationBucket: this.bucket,
      cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
      prune: false,
      memoryLimit: 512,
    });
    const pages = new BucketDeployment(this, 'DeployPages', {
      sources: [Source.asset(props.siteDirectory, { exclude: ['_astro', '_astro/**'] })],
      destinationBucket: this.bucket,
      exclude: ['_astro/*'],
      cacheControl: [CacheControl.fromString('public, max-age=300, must-revalidate')],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
    });
    pages.node.addDependency(assets);
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'No geo restriction: the consultancy serves clients wherever they are; the WAF blocks sources on the IP reputation list.',
    });
    this.acknowledgeDeployer();
  }

  /**
   * The CDK-managed helper both deployments share (one function in the stack): what it is allowed, acknowledged on it
   * alone, each wildcard by name, so a wildcard anywhere else still fails synthesis.
   */
  private acknowledgeDeployer(): void {
    const stack = Stack.of(this);
    const reason =
      'The CDK bucket-deployment helper copies the build from the CDK asset bucket into the site bucket and invalidates the distribution; its access is limited to those two buckets, and it runs only during deployments.';
    const bucket = stack.getLogicalId(this.bucket.node.defaultChild as CfnElement);
    const findings = [
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'AwsSolutions-IAM5[Action::s3:GetObject*]',
      'AwsSolutions-IAM5[Action::s3:GetBucket*]',
      'AwsSolutions-IAM5[Action::s3:List*]',
      'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
      'AwsSolutions-IAM5[Action::s3:Abort*]',
      `AwsSolutions-IAM5[Resource::<${bucket}.Arn>/*]`,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${stack.account}-${stack.region}/*]`,
      // CloudFront invalidations cannot be limited to one distribution by resource.
      'AwsSolutions-IAM5[Resource::*]',
    ];
    for (const helper of stack.node.children.filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'))) {
      for (const id of findings) Validations.of(helper).acknowledge({ id, reason });
      Validations.of(helper).acknowledge({
        id: 'AwsSolutions-L1',
        reason: "The CDK-managed deployment helper's runtime is chosen by aws-cdk-lib, not here; every site function runs nodejs24.x.",
      });
    }
  }
}
