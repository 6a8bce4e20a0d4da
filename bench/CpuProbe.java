/**
 * How fast this machine is right now, on one thread: a fixed amount of integer work, and a fixed walk of
 * random steps through 128 MB (each step a cache miss, as much of a server's work is), each timed five times
 * after a warm-up, the medians printed in milliseconds. The benches print them before and after a run, so
 * that runs on a machine whose speed swings (a shared or paravirtualised host) can be compared: the same
 * build's CPU per message and latencies move with them. Usage: java -Xmx512m bench/CpuProbe.java
 */
public class CpuProbe {

    private static final int[] NEXT = cycle(32 * 1024 * 1024);

    /** One random cycle through all the slots (Sattolo's shuffle), so that a walk never settles in a loop. */
    private static int[] cycle(int size) {
        int[] next = new int[size];
        for (int i = 0; i < size; i++) {
            next[i] = i;
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i);
            int t = next[i];
            next[i] = next[j];
            next[j] = t;
        }
        return next;
    }

    private static long arithmetic() {
        long h = 1125899906842597L;
        for (int i = 0; i < 150_000_000; i++) {
            h = h * 6364136223846793005L + (i ^ (h >>> 29));
        }
        return h;
    }

    private static long memory() {
        int at = 0;
        for (int i = 0; i < 5_000_000; i++) {
            at = NEXT[at];
        }
        return at;
    }

    private interface Work {
        long run();
    }

    private static long sink;

    private static String median(Work work) {
        sink ^= work.run(); // compiled by now
        long[] millis = new long[5];
        for (int run = 0; run < millis.length; run++) {
            long start = System.nanoTime();
            sink ^= work.run();
            millis[run] = (System.nanoTime() - start) / 1_000_000;
        }
        long[] sorted = millis.clone();
        java.util.Arrays.sort(sorted);
        return sorted[2] + " ms " + java.util.Arrays.toString(millis);
    }

    public static void main(String[] args) {
        String arithmetic = median(CpuProbe::arithmetic);
        String memory = median(CpuProbe::memory);
        System.out.printf("machine speed: arithmetic %s, memory %s%s%n", arithmetic, memory, sink == 42 ? " " : "");
    }
}
