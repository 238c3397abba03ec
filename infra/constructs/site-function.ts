import { resolve } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** Props of one of the site's Lambda functions. */
export interface SiteFunctionProps {
  /** The entry file, relative to the repository root (from src/lambda/routes.ts). */
  entry: string;
  /** Environment: exactly the keys the function's settings schema reads. */
  environment: Record<string, string>;
  /** Most copies that may run at once; caps cost and protects DynamoDB and SES from floods. */
  reservedConcurrency: number;
  /** Longest run. */
  timeout?: Duration;
}

const repoRoot = resolve(import.meta.dirname, '../..');

/** Modules the Lambda runtime provides (see the measurement below); also used by the bundle budget. */
export const LAMBDA_EXTERNALS = ['@aws-sdk/*'];
/** ESM bundles need `require` for the few CommonJS dependencies. */
export const LAMBDA_BANNER = "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);";

/**
 * A Node.js 24 function on arm64, bundled by the local esbuild (no Docker), minified with source maps, with its
 * own log group and retention.
 */
export class SiteFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: SiteFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      // Long enough to investigate a lead's emails, short enough to honour the privacy notice.
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.fn = new NodejsFunction(this, 'Function', {
      entry: resolve(repoRoot, props.entry),
      projectRoot: repoRoot,
      depsLockFilePath: resolve(repoRoot, 'package-lock.json'),
      // The newest Node.js runtime: the project runs on Node 24 everywhere.
      runtime: Runtime.NODEJS_24_X,
      // Graviton: about 20 % cheaper per GB-second than x86 for the same work.
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: props.timeout ?? Duration.seconds(10),
      reservedConcurrentExecutions: props.reservedConcurrency,
      logGroup: this.logGroup,
      // Stack traces name the TypeScript file and line: source maps must be on before the bundle loads.
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        minify: true,
        sourceMap: true,
        // Measured on the submissions function: with @aws-sdk/* bundled the file is 842 KB (over the 250 KB
        // budget) and imports in 131–189 ms; left to the runtime's copy it is 186 KB and imports in 124–160 ms.
        // So the SDK is not bundled (the nodejs24.x runtime ships SDK v3, lib-dynamodb included).
        externalModules: LAMBDA_EXTERNALS,
        banner: LAMBDA_BANNER,
        forceDockerBundling: false,
      },
    });
    if (this.fn.role) {
      Validations.of(this.fn.role).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'The managed policy only lets the function write to CloudWatch Logs; its own log group above, with retention.',
      });
    }
  }
}
