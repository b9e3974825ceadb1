package dev.typedproducer.compat;

import dev.typedproducer.Diagnostic;
import dev.typedproducer.internal.schema.NamedTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.avro.Schema;

/**
 * Names every Avro implementation accepts and the generated Java compiles. Avro's Java parser
 * allows any Unicode letter, but the specification, and so other languages' clients, allow only
 * {@code [A-Za-z_][A-Za-z0-9_]*}.
 */
final class NameRules {
  static final String NAME_NOT_PORTABLE = "NameNotPortable";
  static final String NAME_CLASHES_WITH_JAVA = "NameClashesWithJava";

  private static final Pattern PORTABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  /** java.lang types that generated classes name unqualified: a type named so breaks them. */
  private static final Set<String> JAVA_LANG = Set.of("Object", "Override", "SuppressWarnings",
      "Deprecated", "Integer", "Long", "Float", "Double", "Boolean", "Exception",
      "IllegalArgumentException", "IllegalStateException", "RuntimeException", "Class",
      "ClassCastException", "IndexOutOfBoundsException", "CharSequence", "Throwable", "Void");

  private NameRules() {}

  static List<Diagnostic> check(Schema top, String source) {
    List<Diagnostic> out = new ArrayList<>();
    NamedTypes.forEach(top, named -> {
      checkNamed(top, named, source, out);
      if (named.getType() == Schema.Type.RECORD) {
        for (Schema.Field field : named.getFields()) {
          portable(top, field.name(), "field " + field.name() + " of " + named.getFullName(),
              field.name(), source, out);
        }
      } else if (named.getType() == Schema.Type.ENUM) {
        for (String symbol : named.getEnumSymbols()) {
          portable(top, symbol, "enum symbol " + symbol + " of " + named.getFullName(), null,
              source, out);
        }
      }
    });
    return out;
  }

  private static void checkNamed(Schema top, Schema named, String source, List<Diagnostic> out) {
    String what = named.getType().getName() + " " + named.getFullName();
    portable(top, named.getName(), what, null, source, out);
    String namespace = named.getNamespace();
    if (namespace != null && !namespace.isEmpty()) {
      for (String part : namespace.split("\\.", -1)) {
        portable(top, part, "namespace " + namespace + " of " + what, null, source, out);
      }
      if (namespace.equals("java") || namespace.startsWith("java.")
          || namespace.equals("javax") || namespace.startsWith("javax.")) {
        out.add(new Diagnostic(NAME_CLASHES_WITH_JAVA, source, top.getFullName(), null,
            what + " is in namespace " + namespace + ", which the JDK owns; its generated class"
                + " cannot be compiled or loaded there",
            "use your organisation's namespace, e.g. com.acme.events"));
      }
    }
    if (JAVA_LANG.contains(named.getName())) {
      out.add(new Diagnostic(NAME_CLASHES_WITH_JAVA, source, top.getFullName(), null,
          what + " is named like java.lang." + named.getName() + ", which the generated code"
              + " uses unqualified; the class would not compile",
          "choose another name, e.g. " + named.getName() + "Event"));
    }
  }

  private static void portable(Schema top, String name, String what, String field, String source,
      List<Diagnostic> out) {
    if (!PORTABLE.matcher(name).matches()) {
      out.add(new Diagnostic(NAME_NOT_PORTABLE, source, top.getFullName(), field,
          what + " is not a portable Avro name: the Avro specification allows only ASCII"
              + " letters, digits and '_', not starting with a digit, and clients in other"
              + " languages reject other names",
          "rename it with [A-Za-z_][A-Za-z0-9_]* only"));
    }
  }
}
