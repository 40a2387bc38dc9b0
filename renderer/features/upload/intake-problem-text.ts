import type { IntakeFile } from "../../../shared/uploads/intake";
import type { Translate } from "../../i18n";

/** Why a file was kept out, in the designer's language. */
export function intakeProblemText(t: Translate, file: IntakeFile): string {
  const problem = file.problem;
  if (!problem) return "";
  switch (problem.code) {
    case "too-large":
      return t("intake.tooLarge", { size: `${(file.size / (1024 * 1024)).toFixed(1)} MB` });
    case "not-an-image":
      return t("intake.notImage");
    case "corrupt":
      return t("intake.corrupt", { format: (file.format ?? "").toUpperCase(), detail: problem.detail ?? "" });
    case "too-many-pixels":
      return t("intake.tooManyPixels", { pixels: problem.detail ?? "" });
    case "unreadable":
      if (problem.detail === "ENOENT") return t("intake.missing");
      if (problem.detail === "EACCES") return t("intake.denied");
      return t("intake.unreadable", { detail: problem.detail ?? "" });
  }
}
