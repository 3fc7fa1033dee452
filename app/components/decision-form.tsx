import { Form } from "@remix-run/react";
import type { ReactNode } from "react";

interface Choice {
  intent: string;
  label: string;
  /** Names what is decided when several forms share a page. */
  ariaLabel?: string;
}

/**
 * The one form for a second person's decision: what is asked (children),
 * the request it answers and the two buttons, confirm first.
 */
export function DecisionForm({
  field,
  value,
  confirm,
  refuse,
  children,
}: {
  field: string;
  value: string | number;
  confirm: Choice;
  refuse: Choice;
  children: ReactNode;
}) {
  return (
    <Form method="post" className="form">
      {children}
      <input type="hidden" name={field} value={value} />
      <p className="inline-form">
        <button type="submit" name="intent" value={confirm.intent} aria-label={confirm.ariaLabel}>
          {confirm.label}
        </button>
        <button
          type="submit"
          name="intent"
          value={refuse.intent}
          className="secondary-button"
          aria-label={refuse.ariaLabel}
        >
          {refuse.label}
        </button>
      </p>
    </Form>
  );
}
