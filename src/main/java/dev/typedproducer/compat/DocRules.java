package dev.typedproducer.compat;

import dev.typedproducer.Diagnostic;
import dev.typedproducer.internal.schema.NamedTypes;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Docs become Javadoc in generated classes. Avro's compiler escapes {@code *}{@code /} and
 * backslashes there, so text cannot end the comment; what it copies as is are invisible
 * formatting characters, such as the bidirectional overrides of "Trojan Source" attacks
 * (CVE-2021-42574), which make code read differently from what it does. Those are refused.
 */
final class DocRules {
  static final String DOC_UNSAFE_CHARACTER = "DocUnsafeCharacter";

  private DocRules() {}

  static List<Diagnostic> check(Schema top, String source) {
    List<Diagnostic> out = new ArrayList<>();
    NamedTypes.forEach(top, named -> {
      doc(top, named.getDoc(), "doc of " + named.getFullName(), null, source, out);
      if (named.getType() == Schema.Type.RECORD) {
        for (Schema.Field field : named.getFields()) {
          doc(top, field.doc(), "doc of field " + field.name() + " of " + named.getFullName(),
              field.name(), source, out);
        }
      }
    });
    return out;
  }

  private static void doc(Schema top, String doc, String what, String field, String source,
      List<Diagnostic> out) {
    if (doc == null) {
      return;
    }
    for (int i = 0; i < doc.length(); ) {
      int c = doc.codePointAt(i);
      if (unsafe(c)) {
        out.add(new Diagnostic(DOC_UNSAFE_CHARACTER, source, top.getFullName(), field,
            what + " holds the invisible character U+" + String.format("%04X", c) + " ("
                + Character.getName(c) + ") at offset " + i + "; it would be copied into the"
                + " generated Java source, where it can make code read differently from what it"
                + " does",
            "remove the character from the doc"));
        return;
      }
      i += Character.charCount(c);
    }
  }

  /** Format characters (bidi controls, zero-width joiners, ...) other than tabs and newlines. */
  private static boolean unsafe(int c) {
    int type = Character.getType(c);
    return type == Character.FORMAT || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.CONTROL && c != '\n' && c != '\r' && c != '\t';
  }
}
