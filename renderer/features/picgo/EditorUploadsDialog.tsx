import { type FormEvent, useEffect, useRef, useState } from "react";
import type { ConnectionSummary } from "../../../shared/connections";
import {
  type DestinationDefault,
  DestinationDefaultSchema,
  destinationDefaultFor,
} from "../../../shared/destinations/destination-default";
import { type PicGoSettings, PicGoSettingsSchema } from "../../../shared/picgo/endpoint";
import { resolveFileId } from "../../../shared/rules";
import { expandFileIdTemplate } from "../../../shared/uploads/fileid-template";
import { expandKeyTemplate } from "../../../shared/uploads/key-template";
import { outputFormatOf } from "../../../shared/uploads/plan";
import { useT } from "../../i18n";
import { schemaProblemText } from "../../i18n/errors";
import { describedBy, Field } from "../../ui/Field";
import { useEditorUploads } from "./context";

/** A sample file for the live examples under the templates. */
const SAMPLE = { fileName: "screenshot.png", md5: "9e107d9d372bb6826bd81d3542a419d6" };

/** The endpoint's settings and the active connection's default, saved together. */
export function EditorUploadsDialog({
  connection,
  onClose,
}: {
  connection: ConnectionSummary;
  onClose(): void;
}) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const endpoint = useEditorUploads((state) => state.endpoint);
  const defaults = useEditorUploads((state) => state.defaults);
  const presets = useEditorUploads((state) => state.presets);
  const save = useEditorUploads((state) => state.save);
  const [settings, setSettings] = useState<PicGoSettings>(() => endpoint?.settings as PicGoSettings);
  const [port, setPort] = useState(String(settings.port));
  const [destination, setDestination] = useState<DestinationDefault>(() =>
    destinationDefaultFor(defaults, connection.id),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const rule = presets.find((preset) => preset.id === destination.presetId)?.rule;
  const exampleKey = expandKeyTemplate(destination.keyTemplate, {
    ...SAMPLE,
    now: new Date(),
    random: (length) => "k3x9q2m7p4w8".padEnd(length, "z").slice(0, length),
  });
  const exampleOutput = resolveFileId(
    exampleKey,
    expandFileIdTemplate(destination.outputTemplate, {
      key: exampleKey,
      format: rule ? outputFormatOf(rule) : undefined,
    }),
  );
  const address = `http://127.0.0.1:${port}/upload${settings.key ? `?key=${settings.key}` : ""}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const checkedSettings = PicGoSettingsSchema.safeParse({ ...settings, port: Number(port) });
    for (const issue of checkedSettings.error?.issues ?? []) {
      const field = String(issue.path[0]);
      found[field] ??= t(field === "port" ? "picgo.portInvalid" : "picgo.keyInvalid");
    }
    const checkedDestination = DestinationDefaultSchema.safeParse(destination);
    for (const issue of checkedDestination.error?.issues ?? []) {
      found[String(issue.path[0])] ??= schemaProblemText(t, issue);
    }
    setErrors(found);
    if (!checkedSettings.success || !checkedDestination.success) return;
    setSaving(true);
    const saved = await save(checkedSettings.data, connection.id, checkedDestination.data);
    setSaving(false);
    if (saved) dialog.current?.close();
  };

  const text = (id: string, value: string, onChange: (value: string) => void, hint?: string) => (
    <input
      id={id}
      type="text"
      autoComplete="off"
      spellCheck={false}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      {...describedBy(id, hint, errors[id.replace("picgo-", "")])}
    />
  );

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="picgo-dialog-title" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <h2 id="picgo-dialog-title">{t("picgo.dialogTitle")}</h2>
        <p className="hint">{t("picgo.intro")}</p>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={settings.enabled}
            onChange={(event) => setSettings({ ...settings, enabled: event.target.checked })}
          />
          {t("picgo.enabled")}
        </label>
        <Field id="picgo-port" label={t("picgo.port")} hint={t("picgo.portHint")} error={errors.port}>
          <input
            id="picgo-port"
            type="number"
            inputMode="numeric"
            min={1024}
            max={65535}
            value={port}
            onChange={(event) => setPort(event.target.value)}
            {...describedBy("picgo-port", t("picgo.portHint"), errors.port)}
          />
        </Field>
        <Field id="picgo-key" label={t("picgo.key")} hint={t("picgo.keyHint")} error={errors.key}>
          {text("picgo-key", settings.key, (key) => setSettings({ ...settings, key }), t("picgo.keyHint"))}
        </Field>
        <Field id="picgo-returns" label={t("picgo.returns")}>
          <select
            id="picgo-returns"
            value={settings.returns}
            onChange={(event) =>
              setSettings({ ...settings, returns: event.target.value as PicGoSettings["returns"] })
            }
          >
            <option value="original">{t("picgo.returns.original")}</option>
            <option value="output">{t("picgo.returns.output")}</option>
          </select>
        </Field>
        <p className="hint">
          {t("picgo.address")}: <code data-testid="picgo-address">{address}</code>
        </p>
        <fieldset>
          <legend>{t("picgo.defaultHeading", { connection: connection.label })}</legend>
          <Field id="picgo-preset" label={t("picgo.preset")}>
            <select
              id="picgo-preset"
              value={destination.presetId ?? ""}
              onChange={(event) => {
                const { presetId: _old, ...rest } = destination;
                setDestination(event.target.value ? { ...rest, presetId: event.target.value } : rest);
              }}
            >
              <option value="">{t("picgo.noPreset")}</option>
              {presets.map((preset) => (
                <option key={preset.id} value={preset.id}>
                  {preset.name}
                </option>
              ))}
            </select>
          </Field>
          <Field
            id="picgo-keyTemplate"
            label={t("picgo.keyTemplate")}
            hint={t("picgo.keyTemplateHint", { example: exampleKey })}
            error={errors.keyTemplate}
          >
            {text(
              "picgo-keyTemplate",
              destination.keyTemplate,
              (keyTemplate) => setDestination({ ...destination, keyTemplate }),
              t("picgo.keyTemplateHint", { example: exampleKey }),
            )}
          </Field>
          <Field
            id="picgo-outputTemplate"
            label={t("picgo.outputTemplate")}
            hint={t("picgo.outputTemplateHint", { example: exampleOutput })}
            error={errors.outputTemplate}
          >
            {text(
              "picgo-outputTemplate",
              destination.outputTemplate,
              (outputTemplate) => setDestination({ ...destination, outputTemplate }),
              t("picgo.outputTemplateHint", { example: exampleOutput }),
            )}
          </Field>
        </fieldset>
        <div className="dialog-actions">
          <button type="button" onClick={() => dialog.current?.close()}>
            {t("picgo.cancel")}
          </button>
          <button type="submit" className="primary" disabled={saving}>
            {t("picgo.save")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
