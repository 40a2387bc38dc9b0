import { useT } from "../../i18n";
import { describedBy, Field } from "../../ui/Field";
import { useQuick } from "./context";
import { NamingExample } from "./NamingExample";
import { pasteTemplateProblems } from "./store";

/**
 * How originals are named: by their own path (empty template) or by a key template, and how
 * a pasted picture is named; each with a live example of the key it makes.
 */
export function NamingFields(props: {
  keyTemplate: string | undefined;
  /** The upload options' own problem with the key template, worded. */
  error: string | undefined;
  onKeyTemplate(template: string | undefined): void;
}) {
  const t = useT();
  const pasteTemplate = useQuick((state) => state.pasteTemplate);
  const setPasteTemplate = useQuick((state) => state.setPasteTemplate);
  const pasteProblems = pasteTemplateProblems(pasteTemplate);
  const pasteError =
    pasteProblems.length > 0
      ? t("quick.pasteTemplateProblem", { placeholders: pasteProblems.join(" ") })
      : undefined;
  const keyTemplate = props.keyTemplate ?? "";

  return (
    <fieldset className="naming-fields">
      <legend>{t("quick.namingHeading")}</legend>
      <div className="grid-2">
        <Field
          id="opt-key-template"
          label={t("quick.keyTemplate")}
          hint={t("quick.keyTemplateHint")}
          error={props.error}
        >
          <input
            id="opt-key-template"
            className="mono"
            value={keyTemplate}
            placeholder="{yyyy}/{MM}/{name}-{md5:8}.{ext}"
            spellCheck={false}
            onChange={(event) =>
              props.onKeyTemplate(event.target.value === "" ? undefined : event.target.value)
            }
            {...describedBy("opt-key-template", t("quick.keyTemplateHint"), props.error)}
          />
          <NamingExample id="opt-key-template-example" template={keyTemplate} kind="original" />
        </Field>
        <Field id="opt-paste-template" label={t("quick.pasteTemplate")} error={pasteError}>
          <input
            id="opt-paste-template"
            className="mono"
            value={pasteTemplate}
            spellCheck={false}
            onChange={(event) => setPasteTemplate(event.target.value)}
            {...describedBy("opt-paste-template", undefined, pasteError)}
          />
          <NamingExample id="opt-paste-template-example" template={pasteTemplate} kind="original" />
        </Field>
      </div>
    </fieldset>
  );
}
