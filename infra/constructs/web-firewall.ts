import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { MAX_BODY_BYTES } from '../../src/lambda/edge-contract.ts';

/** Props of the firewall. */
export interface WebFirewallProps {
  /** Requests one IP may make to /api/* in five minutes. */
  apiRequestsPer5Minutes: number;
}

const visibility = (metricName: string) => ({ cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });
const apiPath = {
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'STARTS_WITH',
    searchString: '/api/',
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
};

/**
 * The WAF web ACL in front of CloudFront (it must live in us-east-1): AWS's common rules and IP reputation list,
 * a per-IP rate limit on /api/*, and a body-size limit on /api/* that matches the functions' own.
 */
export class WebFirewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: WebFirewallProps) {
    super(scope, id);
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('site-web-acl'),
      customResponseBodies: {
        'too-many': {
          contentType: 'APPLICATION_JSON',
          content: '{"error":{"code":"rate_limited","message":"Too many requests. Please wait a few minutes and try again."}}',
        },
        'too-large': {
          contentType: 'APPLICATION_JSON',
          content: '{"error":{"code":"payload_too_large","message":"The request body is too large."}}',
        },
      },
      rules: [
        {
          name: 'aws-common',
          priority: 0,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: 'AWSManagedRulesCommonRuleSet',
              // Its 8 KB body rule would refuse legitimate submissions; the size rule below allows 16 KB.
              ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
            },
          },
          visibilityConfig: visibility('aws-common'),
        },
        {
          name: 'aws-ip-reputation',
          priority: 1,
          overrideAction: { none: {} },
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesAmazonIpReputationList' } },
          visibilityConfig: visibility('aws-ip-reputation'),
        },
        {
          name: 'api-rate-per-ip',
          priority: 2,
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                customResponseBodyKey: 'too-many',
                responseHeaders: [{ name: 'retry-after', value: '300' }],
              },
            },
          },
          statement: { rateBasedStatement: { limit: props.apiRequestsPer5Minutes, aggregateKeyType: 'IP', scopeDownStatement: apiPath } },
          visibilityConfig: visibility('api-rate-per-ip'),
        },
        {
          name: 'api-body-size',
          priority: 3,
          action: { block: { customResponse: { responseCode: 413, customResponseBodyKey: 'too-large' } } },
          statement: {
            andStatement: {
              statements: [
                apiPath,
                {
                  sizeConstraintStatement: {
                    fieldToMatch: { body: { oversizeHandling: 'MATCH' } },
                    comparisonOperator: 'GT',
                    size: MAX_BODY_BYTES,
                    textTransformations: [{ priority: 0, type: 'NONE' }],
                  },
                },
              ],
            },
          },
          visibilityConfig: visibility('api-body-size'),
        },
      ],
    });
  }
}
