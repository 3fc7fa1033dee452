import type { ReactNode } from "react";
import { messageParts } from "~/domain/messages";
import { useT } from "~/i18n/use-t";

/** Translates "key|{values}" messages from the server's form checks. */
export function useMessage() {
  const t = useT();
  return (message: string) => {
    const { key, values } = messageParts(message);
    return t(key, values);
  };
}

/** The one error list: a field's problems, announced with the field. */
export function ErrorList({ id, errors }: { id: string; errors: string[] | undefined }) {
  const message = useMessage();
  if (!errors || errors.length === 0) return null;
  return (
    <ul id={id} className="field-errors">
      {errors.map((error) => (
        <li key={error}>{message(error)}</li>
      ))}
    </ul>
  );
}

interface FieldProps {
  name: string;
  label: string;
  errors?: Record<string, string[]>;
  hint?: string;
  children?: ReactNode;
}

/** A labelled input with its hint and errors wired for assistive technology. */
export function Field({
  name,
  label,
  errors,
  hint,
  ...input
}: FieldProps & React.InputHTMLAttributes<HTMLInputElement>) {
  const id = `field-${name}`;
  const fieldErrors = errors?.[name];
  const describedBy = [hint ? `${id}-hint` : null, fieldErrors ? `${id}-errors` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        aria-invalid={fieldErrors ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...input}
      />
      <ErrorList id={`${id}-errors`} errors={fieldErrors} />
    </div>
  );
}

/** A labelled select with the same error wiring. */
export function SelectField({
  name,
  label,
  errors,
  children,
  ...select
}: FieldProps & React.SelectHTMLAttributes<HTMLSelectElement>) {
  const id = `field-${name}`;
  const fieldErrors = errors?.[name];
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        aria-invalid={fieldErrors ? true : undefined}
        aria-describedby={fieldErrors ? `${id}-errors` : undefined}
        {...select}
      >
        {children}
      </select>
      <ErrorList id={`${id}-errors`} errors={fieldErrors} />
    </div>
  );
}

/**
 * A labelled multi-line text box with the same error wiring. Give an `id`
 * when several forms on one page share a field name (e.g. "note").
 */
export function TextareaField({
  name,
  label,
  errors,
  hint,
  id: givenId,
  ...textarea
}: FieldProps & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = givenId ?? `field-${name}`;
  const fieldErrors = errors?.[name];
  const describedBy = [hint ? `${id}-hint` : null, fieldErrors ? `${id}-errors` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <textarea
        id={id}
        name={name}
        aria-invalid={fieldErrors ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...textarea}
      />
      <ErrorList id={`${id}-errors`} errors={fieldErrors} />
    </div>
  );
}

/** A message about the whole form (not one field), e.g. "wrong email or password". */
export function FormAlert({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p className="form-alert" role="alert">
      {message}
    </p>
  );
}
