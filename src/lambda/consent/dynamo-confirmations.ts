import type { Table } from '../adapters/table.ts';
import { recordKey } from '../table-design.ts';
import type { ConsentConfirmations } from './confirmations.ts';

/** Confirmations on the submission's item (`SUB#<id>` / `SUBMISSION`): `contact.consent.confirmed`, written once. */
export class DynamoConsentConfirmations implements ConsentConfirmations {
  constructor(private readonly table: Table) {}

  async confirm(submissionId: string, confirmed: { at: string; how: string }): Promise<boolean> {
    const updated = await this.table.update(
      { pk: recordKey({ type: 'submission', id: submissionId }), sk: 'SUBMISSION' },
      {
        expression: 'SET contact.consent.confirmed = :confirmed',
        condition: 'contact.consent.needsConfirmation = :yes AND attribute_not_exists(contact.consent.confirmed)',
        values: { ':confirmed': confirmed, ':yes': true },
      },
    );
    return updated !== null;
  }
}
