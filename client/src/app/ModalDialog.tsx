import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal `<dialog>` for a confirmation or a one-time message: the browser keeps focus inside,
 * Escape closes it, focus returns to the button that opened it. With `onConfirm` the safe choice
 * comes first and has the focus, so Enter on an accidental open does no harm.
 */
export function ModalDialog({
  className,
  open,
  title,
  children,
  confirmLabel,
  closeLabel,
  pending,
  error,
  onConfirm,
  onClose,
  tone = 'danger',
}: {
  /** The feature's look (its stylesheet's class). */
  className: string;
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel?: string;
  closeLabel: string;
  pending?: boolean;
  error?: string | null;
  onConfirm?: () => void;
  onClose: () => void;
  /** The confirm button's look: red for a step that cannot be undone, the page's blue for one that only sends or approves. */
  tone?: 'danger' | 'primary';
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
      className={className}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onClose={onClose}
      onCancel={(e) => {
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
          {closeLabel}
        </button>
        {onConfirm && confirmLabel && (
          <button type="button" className={tone === 'danger' ? 'danger' : undefined} onClick={onConfirm} disabled={pending}>
            {confirmLabel}
          </button>
        )}
      </div>
    </dialog>
  );
}
