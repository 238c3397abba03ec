import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { WebFirewall } from '../constructs/web-firewall.ts';

/** Resources CloudFront requires in us-east-1: the WAF web ACL. */
export class EdgeStack extends Stack {
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: StackProps & { apiRequestsPer5Minutes: number }) {
    super(scope, id, props);
    this.webAclArn = new WebFirewall(this, 'Firewall', { apiRequestsPer5Minutes: props.apiRequestsPer5Minutes }).webAcl.attrArn;
  }
}
