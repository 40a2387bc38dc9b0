import { useEffect } from "react";
import { focusNext } from "../../ui/focus";
import { DefaultAppliedNote, useDestinationDefaultRules } from "../quick";
import { useUpload } from "./context";

/**
 * The destination's default in the upload form: keeps the store told of the default that
 * matches the connection and key prefix chosen now, and says when its rules fill the slots.
 */
export function DestinationDefault() {
  const prefix = useUpload((state) => state.options.prefix);
  const applied = useUpload((state) => state.appliedDefault);
  const setDestinationDefault = useUpload((state) => state.setDestinationDefault);
  const undoDefault = useUpload((state) => state.undoDefault);
  const destination = useDestinationDefaultRules(prefix);

  useEffect(() => setDestinationDefault(destination), [destination, setDestinationDefault]);

  return (
    <DefaultAppliedNote
      applied={applied}
      onUndo={() => {
        undoDefault();
        // The undo button is gone with the note: the next thing to do is to add a rule, or not.
        focusNext(".rule-slots > button:last-child");
      }}
    />
  );
}
