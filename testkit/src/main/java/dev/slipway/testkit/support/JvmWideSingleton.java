package dev.slipway.testkit.support;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One server per JVM, not per class loader. Quarkus gives every application start (each test
 * profile, each restricted test resource) a fresh class loader and with it fresh static fields, so
 * a plain lazy singleton would start a second broker and a second database in the same JVM.
 *
 * <p>The first starter publishes a description of its server (JDK strings only, readable from any
 * class loader) as a system property; later callers, from any class loader, attach to it.
 */
public final class JvmWideSingleton {

  private JvmWideSingleton() {}

  public static <T> T startOrAttach(
      String key, Supplier<T> start, Function<T, String> describe, Function<String, T> attach) {
    // String literals are interned JVM-wide, so every class loader's copy of this class
    // synchronizes on the same monitor. Not the Properties object: a starting server reads system
    // properties from its own threads while we wait for it.
    synchronized (key.intern()) {
      String published = System.getProperty(key);
      if (published != null) {
        return attach.apply(published);
      }
      T started = start.get();
      System.setProperty(key, describe.apply(started));
      return started;
    }
  }

  /** The owner stopped its server: the next caller starts a new one. */
  public static void withdraw(String key) {
    synchronized (key.intern()) {
      System.clearProperty(key);
    }
  }
}
