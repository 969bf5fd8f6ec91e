import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Starts DynamoDB Local listening on 127.0.0.1 only. Its own main (ServerRunner) has no
 * option for the address and binds every interface (Jetty's `new Server(port)`), so this
 * builds the server from the same command line with the jar's own factory, points its
 * connector at loopback before it starts, then starts it. Reflection only, so it compiles
 * on its own: compiled once by standins/dynamodb.ts into .cache, then
 * `java -cp DynamoDBLocal.jar:<that folder> DynamoDbOnLoopback <options>`.
 */
public class DynamoDbOnLoopback {
  public static void main(String[] args) throws Exception {
    ClassLoader loader = DynamoDbOnLoopback.class.getClassLoader();
    Class<?> runner = Class.forName("com.amazonaws.services.dynamodbv2.local.main.ServerRunner", true, loader);
    Object proxy = runner.getMethod("createServerFromCommandLineArgs", String[].class).invoke(null, (Object) args);
    Field field = proxy.getClass().getDeclaredField("server");
    field.setAccessible(true);
    Object server = field.get(proxy);
    Object[] connectors = (Object[]) server.getClass().getMethod("getConnectors").invoke(server);
    if (connectors.length == 0) throw new IllegalStateException("DynamoDB Local made no connector to bind to loopback");
    for (Object connector : connectors) connector.getClass().getMethod("setHost", String.class).invoke(connector, "127.0.0.1");
    proxy.getClass().getMethod("start").invoke(proxy);
  }
}
