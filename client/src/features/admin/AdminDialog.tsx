import type { ComponentProps } from 'react';
import { ModalDialog } from '../../app/ModalDialog.js';

/** The setup screens' confirmations and one-time messages. */
export function AdminDialog(props: Omit<ComponentProps<typeof ModalDialog>, 'className'>) {
  return <ModalDialog className="admin-dialog" {...props} />;
}
