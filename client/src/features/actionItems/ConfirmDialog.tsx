import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A confirmation before an irreversible step, as a modal `<dialog>`: the browser keeps focus
 * inside it, Escape closes it, and focus returns to the button that opened it. The safe choice
 * comes first and has the focus, so Enter on an accidental open does no harm.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  keepLabel,
  pending,
  error,
  onConfirm,
  onClose,
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
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="ai-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onClose={onClose}
      onCancel={(e) => {
        // Escape: close through our state, so the parent knows.
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <div id={`${id}-body`}>{children}</div>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        {/* First in order: showModal() gives it the focus. */}
        <button type="button" className="ghost" onClick={onClose}>
          {keepLabel}
        </button>
        <button type="button" className="danger" onClick={onConfirm} disabled={pending}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
