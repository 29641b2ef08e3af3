package io.memcluster.reload;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP, the Unix way to ask a daemon to reread its files ({@code kill -HUP <pid>}). Java has
 * no supported API for signals; {@code sun.misc.Signal} is present in every JDK we run on, but
 * is reached by reflection so that a JDK without it costs a log line, not a failure to start.
 */
public final class Hangup {

    private static final Logger log = LoggerFactory.getLogger(Hangup.class);

    private Hangup() {
    }

    /**
     * Runs {@code action} on each SIGHUP, on the JVM's signal thread (so it should hand the work
     * off rather than do it there). For the process's main server only: a later call replaces
     * the handler.
     *
     * @return whether the handler was installed
     */
    public static boolean onSignal(Runnable action) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance("HUP");
            InvocationHandler invocation = (Object proxy, Method method, Object[] args) -> {
                if (method.getName().equals("handle")) {
                    action.run();
                    return null;
                }
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "SIGHUP handler";
                    default -> null;
                };
            };
            Object handler = Proxy.newProxyInstance(Hangup.class.getClassLoader(), new Class<?>[] {handlerClass},
                    invocation);
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            log.info("SIGHUP cannot be handled here ({}); files are still reloaded when they change", e.toString());
            return false;
        }
    }
}
