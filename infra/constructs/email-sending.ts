import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { IHostedZone } from 'aws-cdk-lib/aws-route53';
import { ConfigurationSet, EmailIdentity, Identity, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

/** Props of the SES setup. */
export interface EmailSendingProps {
  /** The sending domain. */
  domain: string;
  /** With a hosted zone, the DKIM and MAIL FROM records are created in it; without, they are printed as outputs. */
  hostedZone?: IHostedZone;
}

/**
 * SES for the site: the domain identity with Easy DKIM and a custom MAIL FROM domain, and a configuration set
 * that keeps reputation metrics and suppresses addresses that bounced or complained.
 */
export class EmailSending extends Construct {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;

  constructor(scope: Construct, id: string, props: EmailSendingProps) {
    super(scope, id);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      // Bounce and complaint rates feed the alarms that protect the account's sending reputation.
      reputationMetrics: true,
      // Never send again to an address that bounced or complained, even if a form asks to.
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    const mailFrom = `mail.${props.domain}`;
    this.identity = new EmailIdentity(this, 'Identity', {
      identity: props.hostedZone ? Identity.publicHostedZone(props.hostedZone) : Identity.domain(props.domain),
      // A MAIL FROM of our own domain aligns SPF with the From address (DMARC).
      mailFromDomain: mailFrom,
      configurationSet: this.configurationSet,
    });

    if (!props.hostedZone) {
      const region = Stack.of(this).region;
      this.identity.dkimRecords.forEach((record, i) => {
        new CfnOutput(this, `DkimRecord${i + 1}`, {
          description: `Add this CNAME to ${props.domain}'s DNS (Easy DKIM ${i + 1} of 3)`,
          value: `${record.name} CNAME ${record.value}`,
        });
      });
      new CfnOutput(this, 'MailFromMx', {
        description: 'Add this MX record (custom MAIL FROM)',
        value: `${mailFrom} MX 10 feedback-smtp.${region}.amazonses.com`,
      });
      new CfnOutput(this, 'MailFromSpf', {
        description: 'Add this TXT record (SPF for MAIL FROM)',
        value: `${mailFrom} TXT "v=spf1 include:amazonses.com ~all"`,
      });
      new CfnOutput(this, 'Dmarc', {
        description: 'Recommended DMARC TXT record',
        value: `_dmarc.${props.domain} TXT "v=DMARC1; p=quarantine;"`,
      });
    }
  }

  /** The ARNs `ses:SendEmail` must be allowed on: the identity and the configuration set. */
  get sendResources(): string[] {
    const stack = Stack.of(this);
    return [
      stack.formatArn({ service: 'ses', resource: 'identity', resourceName: this.identity.emailIdentityName }),
      stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSet.configurationSetName }),
    ];
  }
}
