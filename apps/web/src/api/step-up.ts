/**
 * The step-up hook of the web app's client (issue 14): a sensitive change (a decision, a tranche approval, an
 * amendment decision, a role change, an admin's reset of a user's factors) refused with 403 `step_up_required`
 * asks the person for their second factor again. The signed-in layout mounts the dialog
 * (features/security/StepUpDialog), which registers itself here; the client then sends the change once more when
 * the dialog resolves true. Without a dialog mounted the refusal is thrown as any other error.
 */
type Handler = () => Promise<boolean>;

let handler: Handler | null = null;
let pending: Promise<boolean> | null = null;

/** The dialog registers itself; the returned function unregisters it (when the layout unmounts). */
export function setStepUpHandler(next: Handler): () => void {
  handler = next;
  return () => {
    if (handler === next) handler = null;
  };
}

/**
 * Asks for the factor again: true when it was given. Two changes refused at the same moment share one dialog.
 */
export function requestStepUp(): Promise<boolean> {
  if (!handler) return Promise.resolve(false);
  pending ??= handler()
    .catch(() => false)
    .finally(() => {
      pending = null;
    });
  return pending;
}
