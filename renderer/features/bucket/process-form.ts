/**
 * The Process in the bucket form's id. It also names that form's job to the preview: an
 * object picked in the grid is previewed with this form's rules, and follows their edits.
 */
export const PROCESS_FORM_ID = "process";
