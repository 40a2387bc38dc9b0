import { useEffect } from "react";
import { useT } from "../../i18n";
import { ErrorMessage } from "../../ui/ErrorMessage";
import { useActiveConnection } from "../connections";
import { useBucketStyles, useRuleDraft } from "./context";

/** The bucket's styles (`style/<name>`): what each does, and a button to make one the draft. */
export function StylesPanel() {
  const t = useT();
  const active = useActiveConnection();
  const bucket = useBucketStyles((state) => state.bucket);
  const styles = useBucketStyles((state) => state.styles);
  const loading = useBucketStyles((state) => state.loading);
  const error = useBucketStyles((state) => state.error);
  const load = useBucketStyles((state) => state.load);
  const setText = useRuleDraft((state) => state.setText);

  // Styles belong to a bucket: read them again whenever the designer switches connection.
  useEffect(() => {
    if (active?.defaultBucket) load();
  }, [active?.defaultBucket, load]);

  return (
    <section className="bucket-styles card" aria-labelledby="styles-heading">
      <div className="row spread">
        <h3 id="styles-heading">
          {t("rules.styles.heading", { bucket: bucket ?? active?.defaultBucket ?? "" })}
        </h3>
        <button type="button" onClick={() => load()} disabled={loading}>
          {loading ? t("rules.styles.loading") : t("rules.styles.refresh")}
        </button>
      </div>
      {error && (
        <p role="alert" className="notice notice-error">
          <ErrorMessage error={error} />
        </p>
      )}
      {styles?.length === 0 && <p className="empty">{t("rules.styles.empty")}</p>}
      {styles && styles.length > 0 && (
        <ul className="style-list" aria-label={t("rules.styles.list")}>
          {styles.map((style) => (
            <li key={style.name} className="preset" data-testid="bucket-style">
              <div className="preset-text">
                <span className="preset-name mono">style/{style.name}</span>
                <code className="mono preset-rule">{style.body}</code>
              </div>
              <div className="preset-actions">
                <button
                  type="button"
                  aria-label={t("rules.styles.useNamed", { name: style.name })}
                  onClick={() => setText(`style/${style.name}`)}
                >
                  {t("rules.styles.use")}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
