import { Stack, type StackProps } from 'aws-cdk-lib';
import { Certificate, CertificateValidation } from 'aws-cdk-lib/aws-certificatemanager';
import { HostedZone } from 'aws-cdk-lib/aws-route53';
import type { Construct } from 'constructs';
import { WebFirewall } from '../constructs/web-firewall.ts';

/** What the edge stack needs: the WAF's rate, and the domain and its zone when the stacks make its certificate. */
export interface EdgeStackProps extends StackProps {
  apiRequestsPer5Minutes: number;
  /** The site's domain and its Route 53 zone: the certificate CloudFront serves it with is created here. */
  site?: { domain: string; hostedZone: { id: string; name: string } };
}

/** Resources CloudFront requires in us-east-1: the WAF web ACL and, with a hosted zone, the site's certificate. */
export class EdgeStack extends Stack {
  readonly webAclArn: string;
  /** The certificate made for the domain (DNS-validated through its zone), when the stage gives one. */
  readonly certificateArn?: string;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    this.webAclArn = new WebFirewall(this, 'Firewall', { apiRequestsPer5Minutes: props.apiRequestsPer5Minutes }).webAcl.attrArn;
    if (props.site) {
      const { domain, hostedZone } = props.site;
      const zone = HostedZone.fromHostedZoneAttributes(this, 'Zone', { hostedZoneId: hostedZone.id, zoneName: hostedZone.name });
      // CloudFront takes certificates from us-east-1 only; the validation record goes in the zone, so the stack
      // finishes once ACM has issued it (usually minutes).
      const certificate = new Certificate(this, 'SiteCertificate', {
        domainName: domain,
        validation: CertificateValidation.fromDns(zone),
      });
      this.certificateArn = certificate.certificateArn;
    }
  }
}
