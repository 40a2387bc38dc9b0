import { useEffect, useState } from "react";
import {
  type DestinationDefault,
  DestinationDefaultSchema,
  STANDARD_DESTINATION_DEFAULT,
} from "../../../shared/destinations/destination-default";
import { useT } from "../../i18n";
import { schemaProblemText } from "../../i18n/errors";
import { describedBy, Field } from "../../ui/Field";
import { useQuick } from "./context";
import { NamingExample } from "./NamingExample";

/** A stable element id for a prefix (`blog/2026/` → `quick-blog-2026-`). */
function idOf(prefix: string): string {
  return `quick-${prefix === "" ? "connection" : prefix.replace(/[^\w-]/g, "-")}`;
}

/** One default: the connection's own (prefix ""), or a key prefix's, edited and saved on its own. */
export function DefaultRow(props: { connectionId: string; prefix: string; saved: DestinationDefault }) {
  const t = useT();
  const presets = useQuick((state) => state.presets);
  const saveDefault = useQuick((state) => state.saveDefault);
  const [draft, setDraft] = useState<DestinationDefault>(props.saved);
  const [saved, setSaved] = useState(false);
  // What the main process holds arrives after the first render, and again after each save.
  useEffect(() => setDraft(props.saved), [props.saved]);
  const checked = DestinationDefaultSchema.safeParse(draft);
  const problem = (field: string) => {
    const issue = checked.success ? undefined : checked.error.issues.find((i) => i.path[0] === field);
    return issue && schemaProblemText(t, issue);
  };
  const update = (patch: Partial<DestinationDefault>) => {
    setSaved(false);
    setDraft({ ...draft, ...patch });
  };
  const id = idOf(props.prefix);
  const keyError = problem("keyTemplate");
  const outputError = problem("outputTemplate");

  return (
    <fieldset className="quick-default" data-testid="quick-default">
      <legend>
        {props.prefix === ""
          ? t("quick.connectionDefault")
          : t("quick.prefixDefault", { prefix: props.prefix })}
      </legend>
      <div className="grid-2">
        <Field id={`${id}-preset`} label={t("quick.preset")}>
          <select
            id={`${id}-preset`}
            value={draft.presetId ?? ""}
            onChange={(event) => {
              const { presetId: _old, ...rest } = draft;
              setSaved(false);
              setDraft(event.target.value ? { ...rest, presetId: event.target.value } : rest);
            }}
          >
            <option value="">{t("quick.noPreset")}</option>
            {presets.map((preset) => (
              <option key={preset.id} value={preset.id}>
                {preset.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${id}-key`} label={t("quick.defaultKeyTemplate")} error={keyError}>
          <input
            id={`${id}-key`}
            className="mono"
            value={draft.keyTemplate}
            spellCheck={false}
            onChange={(event) => update({ keyTemplate: event.target.value })}
            {...describedBy(`${id}-key`, undefined, keyError)}
          />
          <NamingExample
            id={`${id}-key-example`}
            template={`${props.prefix}${draft.keyTemplate}`}
            kind="original"
          />
        </Field>
        {draft.presetId !== undefined && (
          <Field id={`${id}-output`} label={t("quick.outputName")} error={outputError}>
            <input
              id={`${id}-output`}
              className="mono"
              value={draft.outputTemplate}
              spellCheck={false}
              onChange={(event) => update({ outputTemplate: event.target.value })}
              {...describedBy(`${id}-output`, undefined, outputError)}
            />
          </Field>
        )}
      </div>
      <div className="row">
        <button
          type="button"
          disabled={!checked.success}
          onClick={async () => setSaved(await saveDefault(props.connectionId, props.prefix, draft))}
        >
          {t("quick.saveDefault")}
        </button>
        {props.prefix !== "" && (
          <button
            type="button"
            className="link danger"
            onClick={() => saveDefault(props.connectionId, props.prefix, null)}
          >
            {t("quick.removePrefix", { prefix: props.prefix })}
          </button>
        )}
        <span role="status">{saved && t("quick.defaultSaved")}</span>
      </div>
    </fieldset>
  );
}

/** Adds a default for a key prefix, starting from the standard one. */
export function NewPrefixRow(props: { connectionId: string; taken: string[] }) {
  const t = useT();
  const saveDefault = useQuick((state) => state.saveDefault);
  const [prefix, setPrefix] = useState("");
  const error = props.taken.includes(prefix) ? t("quick.prefixTaken", { prefix }) : undefined;
  return (
    <div className="row quick-new-prefix">
      <Field id="quick-new-prefix" label={t("quick.newPrefix")} error={error}>
        <input
          id="quick-new-prefix"
          className="mono"
          value={prefix}
          placeholder="blog/"
          onChange={(event) => setPrefix(event.target.value)}
          {...describedBy("quick-new-prefix", undefined, error)}
        />
      </Field>
      <button
        type="button"
        disabled={prefix === "" || error !== undefined}
        onClick={async () => {
          if (await saveDefault(props.connectionId, prefix, STANDARD_DESTINATION_DEFAULT)) setPrefix("");
        }}
      >
        {t("quick.addPrefix")}
      </button>
    </div>
  );
}
