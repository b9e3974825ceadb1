package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.typedproducer.internal.key.KeyField;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Nothing under {@code dev.typedproducer.internal} shows in a public signature of the API. */
class PublicApiTest {
  private static final String INTERNAL = "dev.typedproducer.internal.";
  private static final Path CLASSES = Path.of("target", "classes");
  /**
   * Leaks that were there when this check came, for the command line's sake: the compatibility
   * run takes the internal registry client. Remove an entry when its leak is fixed (the test
   * fails while a listed leak is gone); never add one.
   */
  private static final Set<String> KNOWN_LEAKS = Set.of(
      "dev.typedproducer.compat.RegistryBaseline.<init> names "
          + "dev.typedproducer.internal.registry.SchemaRegistryClient",
      "dev.typedproducer.compat.CompatibilityRun$Options.<init> names "
          + "dev.typedproducer.internal.registry.SchemaRegistryClient",
      "dev.typedproducer.compat.CompatibilityRun$Options.registry() names "
          + "dev.typedproducer.internal.registry.SchemaRegistryClient");

  @Test
  void noPublicSignatureOutsideInternalNamesAnInternalType() throws IOException {
    List<Class<?>> api = publicClassesOutsideInternal();

    assertThat(api).as("the API classes found").contains(TypedProducer.class,
        TypedProducerBuilder.class, EventProducer.class,
        dev.typedproducer.mock.MockTypedProducer.class,
        dev.typedproducer.spring.TypedProducers.class);
    List<String> leaks = api.stream().flatMap(c -> leaks(c).stream()).toList();
    assertThat(leaks).as("public signatures that name internal types")
        .containsExactlyInAnyOrderElementsOf(KNOWN_LEAKS);
  }

  /** A public class that hands out an internal type, as the check must catch. */
  public static final class Leaky {
    public List<? extends KeyField> keys() {
      return List.of();
    }
  }

  @Test
  void theCheckFindsAnInternalTypeInAGenericReturnType() {
    assertThat(leaks(Leaky.class)).singleElement().asString()
        .contains("keys").contains(KeyField.class.getName());
  }

  private static List<Class<?>> publicClassesOutsideInternal() throws IOException {
    try (Stream<Path> files = Files.walk(CLASSES)) {
      List<Class<?>> out = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = CLASSES.relativize(file).toString().replace(file.getFileSystem()
            .getSeparator(), ".").replaceAll("\\.class$", "");
        if (name.startsWith(INTERNAL) || name.endsWith("package-info")) {
          continue;
        }
        Class<?> type = load(name);
        if (isApi(type)) {
          out.add(type);
        }
      }
      return out;
    }
  }

  private static boolean isApi(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
      if (!Modifier.isPublic(c.getModifiers())) {
        return false;
      }
    }
    return !type.isSynthetic() && !type.isAnonymousClass();
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, PublicApiTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new AssertionError("cannot load " + name, e);
    }
  }

  private static List<String> leaks(Class<?> type) {
    List<String> out = new ArrayList<>();
    check(out, type.getName() + " extends", type.getGenericSuperclass());
    for (Type implemented : type.getGenericInterfaces()) {
      check(out, type.getName() + " implements", implemented);
    }
    for (Field field : type.getDeclaredFields()) {
      if (visible(field.getModifiers()) && !field.isSynthetic()) {
        check(out, type.getName() + "." + field.getName(), field.getGenericType());
      }
    }
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (visible(constructor.getModifiers()) && !constructor.isSynthetic()) {
        for (Type parameter : constructor.getGenericParameterTypes()) {
          check(out, type.getName() + ".<init>", parameter);
        }
      }
    }
    for (Method method : type.getDeclaredMethods()) {
      if (visible(method.getModifiers()) && !method.isSynthetic() && !method.isBridge()) {
        String where = type.getName() + "." + method.getName() + "()";
        check(out, where, method.getGenericReturnType());
        for (Type parameter : method.getGenericParameterTypes()) {
          check(out, where, parameter);
        }
        for (Type thrown : method.getGenericExceptionTypes()) {
          check(out, where, thrown);
        }
      }
    }
    return out;
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static void check(List<String> out, String where, Type type) {
    if (type instanceof Class<?> c) {
      Class<?> element = c;
      while (element.isArray()) {
        element = element.getComponentType();
      }
      if (element.getName().startsWith(INTERNAL)) {
        out.add(where + " names " + element.getName());
      }
    } else if (type instanceof ParameterizedType p) {
      check(out, where, p.getRawType());
      for (Type argument : p.getActualTypeArguments()) {
        check(out, where, argument);
      }
    } else if (type instanceof WildcardType w) {
      Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds()))
          .forEach(bound -> check(out, where, bound));
    } else if (type instanceof GenericArrayType a) {
      check(out, where, a.getGenericComponentType());
    } else if (type instanceof TypeVariable<?> v) {
      for (Type bound : v.getBounds()) {
        check(out, where, bound);
      }
    }
  }
}
