import type { ReactNode } from 'react';
import { ModalDialog } from '../../app/ModalDialog.js';

/** A confirmation before a step on an action item: red for irreversible ones (delete, cancel), blue for 催办 or 批准. */
export function ConfirmDialog({
  keepLabel,
  ...props
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  keepLabel: string;
  pending?: boolean;
  /** Shown in the dialog when the step failed, so the person sees why without closing it. */
  error?: string | null;
  onConfirm: () => void;
  onClose: () => void;
  tone?: 'danger' | 'primary';
}) {
  return <ModalDialog className="ai-dialog" closeLabel={keepLabel} {...props} />;
}
