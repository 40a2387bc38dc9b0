import { type FormEvent, useEffect, useState } from "react";
import type { AppError } from "../../../shared/errors";
import type { SkippedPreset } from "../../../shared/presets/preset";
import { api, failureOf } from "../../api";
import { useT } from "../../i18n";
import { messageText } from "../../i18n/errors";
import { ErrorMessage } from "../../ui/ErrorMessage";
import { describedBy, Field } from "../../ui/Field";
import { firstRuleError } from "./diagnostic-text";
import { useRuleDraft } from "./draft-store";
import { usePresets } from "./presets-store";

/** Save the draft under a name; load, rename, duplicate, delete; import and export as JSON. */
export function PresetsPanel() {
  const t = useT();
  const { presets, problem, loaded, load } = usePresets();
  const { text, setText } = useRuleDraft();
  const [name, setName] = useState("");
  const [renaming, setRenaming] = useState<{ id: string; name: string }>();
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<AppError>();
  const [skipped, setSkipped] = useState<SkippedPreset[]>([]);

  useEffect(() => {
    if (!loaded) load().catch((failure) => setError(failureOf(failure)));
  }, [loaded, load]);

  /**
   * Runs a change and shows what it answers when that is a sentence, then re-reads the list
   * (the event also brings it; this covers a lost socket).
   */
  const run = async (change: () => Promise<unknown>) => {
    setError(undefined);
    try {
      const result = await change();
      setStatus(typeof result === "string" ? result : undefined);
      await load();
    } catch (failure) {
      setError(failureOf(failure));
    }
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    run(async () => {
      const preset = await api.call("presets.save", { name, rule: text });
      setName("");
      return t("rules.presets.saved", { name: preset.name });
    });
  };

  const exportAll = () =>
    run(async () => {
      const file = await api.call("presets.export", {});
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
      link.download = file.fileName;
      link.click();
      URL.revokeObjectURL(link.href);
      return t("rules.presets.exported", { count: presets.length });
    });

  const importFile = (file: File | undefined) =>
    file &&
    run(async () => {
      const result = await api.call("presets.import", { content: await file.text() });
      setSkipped(result.skipped);
      return t("rules.presets.imported", { added: result.added.length, skipped: result.skipped.length });
    });

  return (
    <section className="presets card" aria-labelledby="presets-heading">
      <h3 id="presets-heading">{t("rules.presets.heading")}</h3>
      {problem && (
        <p role="alert" className="notice notice-warning">
          {messageText(t, problem)}
        </p>
      )}
      <form className="row" onSubmit={save}>
        <Field id="preset-name" label={t("rules.presets.name")}>
          <input
            id="preset-name"
            value={name}
            maxLength={80}
            onChange={(event) => setName(event.target.value)}
            {...describedBy("preset-name")}
          />
        </Field>
        <button type="submit" className="primary" disabled={name.trim() === "" || text.trim() === ""}>
          {t("rules.presets.save")}
        </button>
      </form>
      {presets.length === 0 ? (
        <p className="empty">{t("rules.presets.empty")}</p>
      ) : (
        <ul className="preset-list" aria-label={t("rules.presets.heading")}>
          {presets.map((preset) => (
            <li key={preset.id} className="preset" data-testid="preset">
              {renaming?.id === preset.id ? (
                <form
                  className="row"
                  onSubmit={(event) => {
                    event.preventDefault();
                    run(async () => {
                      await api.call("presets.rename", { id: preset.id, name: renaming.name });
                      setRenaming(undefined);
                    });
                  }}
                >
                  <Field id={`rename-${preset.id}`} label={t("rules.presets.newName", { name: preset.name })}>
                    <input
                      id={`rename-${preset.id}`}
                      value={renaming.name}
                      maxLength={80}
                      // biome-ignore lint/a11y/noAutofocus: the designer just asked to rename this preset
                      autoFocus
                      onChange={(event) => setRenaming({ id: preset.id, name: event.target.value })}
                      onKeyDown={(event) => event.key === "Escape" && setRenaming(undefined)}
                      {...describedBy(`rename-${preset.id}`)}
                    />
                  </Field>
                  <button type="submit" disabled={renaming.name.trim() === ""}>
                    {t("rules.presets.rename")}
                  </button>
                  <button type="button" onClick={() => setRenaming(undefined)}>
                    {t("rules.presets.cancel")}
                  </button>
                </form>
              ) : (
                <div className="preset-text">
                  <span className="preset-name">{preset.name}</span>
                  <code className="mono preset-rule">{preset.rule}</code>
                </div>
              )}
              <div className="preset-actions">
                <button
                  type="button"
                  aria-label={t("rules.presets.loadNamed", { name: preset.name })}
                  onClick={() => {
                    setText(preset.rule);
                    setStatus(t("rules.presets.loaded", { name: preset.name }));
                  }}
                >
                  {t("rules.presets.load")}
                </button>
                <button
                  type="button"
                  aria-label={t("rules.presets.renameNamed", { name: preset.name })}
                  onClick={() => setRenaming({ id: preset.id, name: preset.name })}
                >
                  {t("rules.presets.rename")}
                </button>
                <button
                  type="button"
                  aria-label={t("rules.presets.duplicateNamed", { name: preset.name })}
                  onClick={() => run(() => api.call("presets.duplicate", { id: preset.id }))}
                >
                  {t("rules.presets.duplicate")}
                </button>
                <button
                  type="button"
                  className="danger"
                  aria-label={t("rules.presets.deleteNamed", { name: preset.name })}
                  onClick={() =>
                    window.confirm(t("rules.presets.deleteConfirm", { name: preset.name })) &&
                    run(() => api.call("presets.delete", { id: preset.id }))
                  }
                >
                  {t("rules.presets.delete")}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        <button type="button" onClick={exportAll} disabled={presets.length === 0}>
          {t("rules.presets.export")}
        </button>
        <label className="file-button">
          <input
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            onChange={(event) => {
              importFile(event.target.files?.[0]);
              event.target.value = "";
            }}
          />
          <span>{t("rules.presets.import")}</span>
        </label>
      </div>
      <div aria-live="polite">
        {status && <p className="hint">{status}</p>}
        {skipped.length > 0 && (
          <ul className="skipped" aria-label={t("rules.presets.skippedHeading")}>
            {skipped.map((skip) => (
              <li key={skip.index}>
                {t("rules.presets.skipped", {
                  n: skip.index + 1,
                  name: skip.name ?? "—",
                  reason: (skip.rule && firstRuleError(t, skip.rule)) || messageText(t, skip.reason),
                })}
              </li>
            ))}
          </ul>
        )}
      </div>
      {error && (
        <p role="alert" className="notice notice-error">
          <ErrorMessage error={error} />
        </p>
      )}
    </section>
  );
}
