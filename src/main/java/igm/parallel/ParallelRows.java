package igm.parallel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * Splits rows of a grid between the calling thread and a few daemon worker threads shared by the kernels (SIA,
 * SSA matrix, Blatter–Pattyn operator, thickness transport).
 *
 * <p>The workers (one fewer than the processors) start on first use; between jobs each spins for a short while
 * (the next job of a time step usually follows within tens of microseconds, and waking a parked thread costs
 * about as much as the job) and then parks. One job runs at a time: a caller that finds the team busy runs
 * every chunk itself, which gives the same result since chunks never share output.
 */
public final class ParallelRows {

    /** Grids with fewer cells per chunk than this are not split. */
    public static final int MIN_CELLS_PER_CHUNK = 4096;
    /** How long an idle worker spins before it parks. */
    private static final long SPIN_NANOS = 500_000;

    private static volatile ParallelRows shared;

    private final int workers;
    private final Thread[] threads;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicIntegerArray sleeping;
    private volatile int generation;
    private IntConsumer job;
    private int jobChunks;
    private volatile Throwable failure;

    private ParallelRows(int workers) {
        this.workers = workers;
        this.threads = new Thread[workers];
        this.sleeping = new AtomicIntegerArray(Math.max(workers, 1));
    }

    /** The team of this JVM, with one worker fewer than the available processors. */
    public static ParallelRows shared() {
        ParallelRows t = shared;
        if (t == null) {
            synchronized (ParallelRows.class) {
                t = shared;
                if (t == null) {
                    t = new ParallelRows(Math.max(0, Runtime.getRuntime().availableProcessors() - 1));
                    shared = t;
                }
            }
        }
        return t;
    }

    /** Chunks for a grid of {@code cells} cells in {@code rows} rows on up to {@code threads} threads. */
    public int chunks(int threads, int cells, int rows) {
        int most = Math.min(Math.min(threads, workers + 1), rows);
        return Math.max(1, Math.min(most, cells / MIN_CELLS_PER_CHUNK));
    }

    /**
     * Runs {@code body.accept(chunk)} for every chunk in [0, chunks), chunk 0 on this thread, and returns when
     * all are done, rethrowing the first failure.
     */
    public void run(int chunks, IntConsumer body) {
        // Serial when there is nothing to split, when another job runs, or when called from inside a job.
        if (chunks <= 1 || chunks > workers + 1 || lock.isHeldByCurrentThread() || !lock.tryLock()) {
            for (int t = 0; t < chunks; t++) {
                body.accept(t);
            }
            return;
        }
        try {
            startWorkers();
            job = body;
            jobChunks = chunks;
            failure = null;
            pending.set(workers);
            generation++; // volatile write: publishes the job
            for (int w = 0; w < workers; w++) {
                if (sleeping.get(w) != 0) {
                    LockSupport.unpark(threads[w]);
                }
            }
            Throwable own = null;
            try {
                body.accept(0);
            } catch (RuntimeException | Error e) {
                own = e;
            }
            int spins = 0;
            while (pending.get() != 0) {
                if ((++spins & 63) != 0) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            job = null;
            Throwable e = own != null ? own : failure;
            if (e instanceof RuntimeException r) {
                throw r;
            }
            if (e instanceof Error err) {
                throw err;
            }
        } finally {
            lock.unlock();
        }
    }

    private void startWorkers() {
        for (int w = 0; w < workers; w++) {
            if (threads[w] == null) {
                int index = w;
                Thread thread = new Thread(() -> work(index), "igm-rows-" + (w + 1));
                thread.setDaemon(true);
                threads[w] = thread;
                thread.start();
            }
        }
    }

    private void work(int w) {
        int seen = 0;
        while (true) {
            int g;
            long spinStart = System.nanoTime();
            int spins = 0;
            while ((g = generation) == seen) {
                if ((++spins & 63) != 0) {
                    Thread.onSpinWait();
                } else if (System.nanoTime() - spinStart < SPIN_NANOS) {
                    Thread.yield(); // lets the caller run should both share one processor
                } else {
                    sleeping.set(w, 1);
                    if (generation == seen) {
                        LockSupport.park(this);
                    }
                    sleeping.set(w, 0);
                    spinStart = System.nanoTime();
                }
            }
            seen = g;
            int chunk = w + 1;
            if (chunk < jobChunks) {
                try {
                    job.accept(chunk);
                } catch (RuntimeException | Error e) {
                    failure = e;
                }
            }
            pending.decrementAndGet();
        }
    }
}
