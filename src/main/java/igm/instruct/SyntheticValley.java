package igm.instruct;

import igm.InputException;
import igm.grid.Grid2D;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * A synthetic glacier valley: the parameters of an ice-free bed drawn from a seeded generator, and the bed they
 * describe (paper §2.2: the instructor runs need many different valleys).
 *
 * <h2>Geometry, in the valley's own frame</h2>
 * The domain is {@code crossCells} wide and {@code alongCells} long. The along-valley distance a runs from the head
 * (a = 0, upstream edge) to the downstream edge (a = L); b runs across, 0 … W. The bed is the lowest of three
 * troughs:
 * <ol>
 *   <li><b>Main valley</b>, from the head to its mouth at a = {@link Profile#mouthDistance()}: floor
 *       <pre>  z_f(a) = z_m + D·(w·x + (1 − w)·x^p) + H_w·exp(−a/ℓ_w),   x = 1 − a/a_m</pre>
 *       (p &gt; 1: steeper near the head, gentler towards the mouth; the headwall term raises the head further;
 *       beyond the mouth the floor goes on down with the slope it has at the mouth), minus the closed basins of the
 *       {@link Overdeepening}s. Across, a power-law (U-shaped) section about a sinuous, oblique centre line
 *       ({@link CentreLine}): {@code z = z_f + R(a)·φ(|n|/B(a))} with n the distance to the centre line, B the
 *       half-width from the centre line to the ridge, R = s·B·(1 + ridge modulation) the relief of the ridge on
 *       each side (the modulations make peaks and cols), and {@code φ(u) = u^q} for u ≤ 1, continued by its tangent
 *       {@code 1 + q(u − 1)} beyond the ridge line, so that the bed keeps rising towards the lateral edges. The
 *       main valley and its tributaries end at the centre line of the trunk valley: beyond it only the trunk valley
 *       counts.</li>
 *   <li><b>Tributaries</b> ({@link Tributary}, 0–2): troughs of the same kind along a straight axis from a junction
 *       on the main centre line up to the domain edge, at an angle to the main valley, with a steeper floor that
 *       starts a little above the main floor (a hanging valley when the step is large).</li>
 *   <li><b>Trunk valley</b> ({@link TrunkValley}) across the lower end of the domain: the main valley enters it at
 *       its mouth. Its floor lies below the main valley's floor extended to the trunk's centre line, is gently
 *       tilted across and rises over the outer quarter of the width on each side to closed ends; its walls
 *       (parabolic along the valley) rise to the downstream edge about as high as the main valley's ridges
 *       there.</li>
 * </ol>
 * Ranges of the draws (uniform): mouth at 60–72 % of the length; mean floor slope 0.07–0.13 (another range may be
 * given); headwall 25–60 % of the floor drop; centre line at ±10° with a sinuosity of up to 8 % of the width (kept
 * in the middle of the domain); half-width 28–40 % of the width, ±30 % from head to mouth; side slope 0.35–0.6,
 * section exponent 1.6–2.5; ridge modulation up to ±20 %; 0, 1 or 2 overdeepenings (probabilities 30/40/30 %) and
 * tributaries (35/40/25 %); trunk floor 30–60 % of the floor drop below the extended main floor (plus the tilt over
 * half the width), its ends 2–3 times that depth higher, its far wall the depth plus 60–100 % of the main relief at
 * the mouth.
 *
 * <h2>Why a closed trunk basin</h2>
 * The instructor runs put the equilibrium line at the 20 % quantile of the bed's elevations for the advance: 80 % of
 * the domain then accumulates (up to 2 m a⁻¹) and only the lowest 20 % ablates, far too little to balance it. In
 * trials where the valley descended to an open edge, or into a trunk valley open at its ends, a quarter of the
 * accumulated ice left the domain. Here the bed rises towards every edge: the glacier descends into a deep basin,
 * the lowest and most strongly ablating part of the domain, which it fills during the advance and gives up in the
 * retreat. With the outer ring of cells kept free of accumulation ({@link InstructorSchedule#noAccumulationBorder()};
 * without it the ice accumulated on the ridges along the edge drains through the open edge all around), the ice
 * that still leaves the domain was 0–0.7 % of the accumulation in 200-year runs of 8 valleys of 48 × 112 cells of
 * 100 m with the SIA and c = 0 and 25 km MPa⁻³ a⁻¹; each run records its own share ({@code outflow_fraction}).
 *
 * <h2>Orientation</h2>
 * The valley frame is put on the grid with the flow towards one of the four grid directions
 * ({@link FlowDirection}), possibly mirrored across; with the oblique centre line this varies the flow direction.
 * For flow east or west the grid is {@code alongCells × crossCells}, otherwise {@code crossCells × alongCells}.
 *
 * <h2>Randomness</h2>
 * Every parameter comes from a {@code L64X128MixRandom} generator seeded with a mix of the master seed and the
 * valley index only ({@link #random}): a valley does not depend on which other valleys are drawn, on their number
 * or on the order of the runs.
 *
 * @param seed           the master seed
 * @param index          the valley's number, ≥ 0
 * @param crossCells     cells across the valley, ≥ 8
 * @param alongCells     cells along the valley, ≥ 8
 * @param dx             cell size, m, positive
 * @param direction      where the valley flows on the grid
 * @param mirrored       whether the valley frame is mirrored across (b → W − b) before it is put on the grid
 * @param profile        the main valley's long profile
 * @param centreLine     the main valley's centre line
 * @param crossSection   the main valley's cross-section
 * @param overdeepenings closed basins in the main valley's floor (copied)
 * @param tributaries    side valleys joining the main one (copied)
 * @param trunk          the valley across the lower end of the domain
 */
public record SyntheticValley(long seed, int index, int crossCells, int alongCells, double dx,
                              FlowDirection direction, boolean mirrored, Profile profile, CentreLine centreLine,
                              CrossSection crossSection, List<Overdeepening> overdeepenings,
                              List<Tributary> tributaries, TrunkValley trunk) {

    /** Share of the width, on each side, over which the trunk valley's floor rises to its ends. */
    public static final double TRUNK_END_FRACTION = 0.25;

    /** The default range of the main trough's mean floor slope, [lowest, highest]. */
    private static final double[] DEFAULT_FLOOR_SLOPE = {0.07, 0.13};

    /** Name of the random generator algorithm (java.util.random). */
    public static final String ALGORITHM = "L64X128MixRandom";

    /** Where the valley flows on the grid. */
    public enum FlowDirection {
        /** Towards +y (the head on the southern edge). */
        NORTH,
        /** Towards +x. */
        EAST,
        /** Towards −y. */
        SOUTH,
        /** Towards −x. */
        WEST
    }

    /**
     * The main valley's long profile (see the class comment for the formula).
     *
     * @param mouthDistance  a_m, distance from the head to the mouth, m
     * @param mouthElevation z_m, floor elevation at the mouth, m a.s.l.
     * @param drop           D, floor drop from head to mouth without the headwall, m
     * @param linearWeight   w in [0, 1]: the share of the drop that is linear (1: a straight profile)
     * @param exponent       p ≥ 1 of the curved part
     * @param headwallHeight H_w, m ≥ 0
     * @param headwallLength ℓ_w, m &gt; 0
     */
    public record Profile(double mouthDistance, double mouthElevation, double drop, double linearWeight,
                          double exponent, double headwallHeight, double headwallLength) {

        /** Floor elevation at distance {@code a} from the head (beyond the mouth: the mouth's slope continued), m. */
        public double floor(double a) {
            double x = 1 - a / mouthDistance;
            double curved = x > 0 ? (1 - linearWeight) * Math.pow(x, exponent) : 0;
            return mouthElevation + drop * (linearWeight * x + curved)
                    + headwallHeight * Math.exp(-a / headwallLength);
        }
    }

    /**
     * The main valley's centre line, across position b_c(a) = W/2 + tan(angle)·(a − a_m/2) + A·sin(2πa/λ + φ).
     *
     * @param angle      angle of the line to the along axis, radians
     * @param amplitude  A, m ≥ 0
     * @param wavelength λ, m &gt; 0
     * @param phase      φ, radians
     */
    public record CentreLine(double angle, double amplitude, double wavelength, double phase) {
    }

    /**
     * The main valley's cross-section.
     *
     * @param halfWidth    B₀, distance from the centre line to the ridge line halfway down the domain, m
     * @param widthTrend   κ: B(a) = B₀·(1 + κ·(½ − a/L)) (κ &gt; 0: wider near the head)
     * @param sideSlope    s: mean slope from the floor to the ridge, R = s·B
     * @param exponent     q ≥ 1 of φ(u) = u^q (2: parabolic)
     * @param leftRidge    modulation of the ridge on the side b &lt; b_c
     * @param rightRidge   modulation of the ridge on the side b &gt; b_c
     */
    public record CrossSection(double halfWidth, double widthTrend, double sideSlope, double exponent,
                               Ridge leftRidge, Ridge rightRidge) {
    }

    /**
     * A ridge's height along the valley: relief × (1 + amplitude·sin(2πa/λ + φ)).
     *
     * @param amplitude  relative amplitude, in [0, 1)
     * @param wavelength λ, m
     * @param phase      φ, radians
     */
    public record Ridge(double amplitude, double wavelength, double phase) {

        double factor(double a) {
            return 1 + amplitude * Math.sin(2 * Math.PI * a / wavelength + phase);
        }
    }

    /**
     * A closed basin in the main valley's floor: the floor is lowered by
     * depth·exp(−((a − position)/length)² − (n/width)²); the depth exceeds what the floor drops over the basin's
     * length, so the basin is closed.
     *
     * @param position distance from the head of its centre, m
     * @param depth    m
     * @param length   e-folding length along the valley, m
     * @param width    e-folding width across, m
     */
    public record Overdeepening(double position, double depth, double length, double width) {
    }

    /**
     * A side valley: a trough along a straight axis from its junction on the main centre line up to the domain
     * edge; its floor rises from the main floor (plus the step) with mean slope {@code slope}, steepening towards its
     * head, and its section is the main valley's φ with its own half-width and exponent.
     *
     * @param junction  distance from the head of the junction, m
     * @param side      +1: the side valley comes from b &gt; b_c; −1: from b &lt; b_c
     * @param angle     angle between the side valley's axis and the main valley's, radians, in (0, π/2)
     * @param step      height of its floor above the main floor at the junction, m ≥ 0
     * @param slope     mean slope of its floor
     * @param halfWidth m
     * @param exponent  q ≥ 1
     */
    public record Tributary(double junction, int side, double angle, double step, double slope, double halfWidth,
                            double exponent) {
    }

    /**
     * The valley across the lower end of the domain.
     *
     * @param centre    distance from the head of its centre line, m
     * @param depth     depth of its floor (at mid-width) below the main floor extended to its centre line, m &gt; 0
     * @param halfWidth from its centre line to the downstream edge, m
     * @param relief    height of its walls above its floor at the downstream edge (and, by symmetry, halfway
     *                  between its centre line and the mouth), m: its depth below the mouth plus most of the main
     *                  valley's relief there, so that a glacier filling the basin does not spill over the far wall
     * @param tilt      slope of its floor across the domain (towards one lateral edge)
     * @param endRise   rise of its floor over the outer {@value #TRUNK_END_FRACTION} of the width on each side
     *                  (parabolic), m ≥ 0: the trunk valley is a closed basin
     */
    public record TrunkValley(double centre, double depth, double halfWidth, double relief, double tilt,
                              double endRise) {
    }

    public SyntheticValley {
        if (crossCells < 8 || alongCells < 8) {
            throw new InputException("a synthetic valley needs at least 8 × 8 cells, got " + crossCells + " across × "
                    + alongCells + " along");
        }
        if (!(dx > 0) || !Double.isFinite(dx)) {
            throw new InputException("synthetic valley cell size must be positive, got " + dx + " m");
        }
        overdeepenings = List.copyOf(overdeepenings);
        tributaries = List.copyOf(tributaries);
    }

    /**
     * Draws valley {@code index} of the master seed {@code seed}: the same arguments give the same valley.
     *
     * @param seed       master seed (the run's {@code run.seed})
     * @param index      valley number, ≥ 0
     * @param crossCells cells across, ≥ 8
     * @param alongCells cells along, ≥ 8
     * @param dx         cell size, m
     * @throws InputException for a domain below 8 × 8 cells or a bad cell size
     */
    public static SyntheticValley random(long seed, int index, int crossCells, int alongCells, double dx) {
        return random(seed, index, crossCells, alongCells, dx, DEFAULT_FLOOR_SLOPE[0], DEFAULT_FLOOR_SLOPE[1]);
    }

    /**
     * Draws valley {@code index} of the master seed {@code seed} with the main trough's mean floor slope drawn in
     * [{@code minFloorSlope}, {@code maxFloorSlope}] instead of the default range. The range changes only the floor
     * slope (and what follows from it: the drop, the depth of the basins and of the trunk valley): the other draws
     * are those of the default range.
     *
     * @param minFloorSlope lowest mean floor slope, &gt; 0
     * @param maxFloorSlope highest mean floor slope, ≥ minFloorSlope
     * @throws IllegalArgumentException for a bad range
     */
    public static SyntheticValley random(long seed, int index, int crossCells, int alongCells, double dx,
                                         double minFloorSlope, double maxFloorSlope) {
        if (!(minFloorSlope > 0) || !(maxFloorSlope >= minFloorSlope)) {
            throw new IllegalArgumentException("floor slope range must satisfy 0 < min ≤ max, got [" + minFloorSlope
                    + ", " + maxFloorSlope + "]");
        }
        if (index < 0) {
            throw new IllegalArgumentException("valley index must be ≥ 0, got " + index);
        }
        RandomGenerator rng = generator(seed, "synthetic-valley", index);
        double length = alongCells * dx;
        double width = crossCells * dx;

        FlowDirection direction = FlowDirection.values()[rng.nextInt(4)];
        boolean mirrored = rng.nextBoolean();

        double mouth = uniform(rng, 0.60, 0.72) * length;
        double floorSlope = uniform(rng, minFloorSlope, maxFloorSlope);
        double drop = floorSlope * mouth;
        Profile profile = new Profile(mouth, uniform(rng, 1600, 2300), drop, uniform(rng, 0.3, 0.6),
                uniform(rng, 2.0, 3.5), uniform(rng, 0.25, 0.6) * drop, uniform(rng, 0.04, 0.08) * length);

        double halfWidth = uniform(rng, 0.28, 0.40) * width;
        double amplitude = uniform(rng, 0.0, 0.08) * width;
        double angle = Math.toRadians(uniform(rng, -10, 10));
        // keep the centre line within the middle half of the domain
        double reach = Math.abs(Math.tan(angle)) * 0.5 * mouth + amplitude;
        if (reach > 0.22 * width) {
            double scale = 0.22 * width / reach;
            angle = Math.atan(Math.tan(angle) * scale);
            amplitude *= scale;
        }
        CentreLine centreLine = new CentreLine(angle, amplitude, uniform(rng, 0.4, 1.0) * mouth,
                uniform(rng, 0, 2 * Math.PI));
        CrossSection section = new CrossSection(halfWidth, uniform(rng, -0.3, 0.3), uniform(rng, 0.35, 0.6),
                uniform(rng, 1.6, 2.5), ridge(rng, length), ridge(rng, length));

        List<Overdeepening> basins = new ArrayList<>();
        int basinCount = pick(rng, 0.3, 0.4);
        for (int k = 0; k < basinCount; k++) {
            double position = uniform(rng, 0.25, 0.9) * mouth;
            double basinLength = uniform(rng, 0.04, 0.08) * length;
            double localSlope = -(profile.floor(position + 1) - profile.floor(position - 1)) / 2;
            basins.add(new Overdeepening(position, uniform(rng, 1.5, 3.0) * localSlope * basinLength, basinLength,
                    0.5 * halfWidth));
        }

        List<Tributary> tributaries = new ArrayList<>();
        int tributaryCount = pick(rng, 0.35, 0.4);
        for (int k = 0; k < tributaryCount; k++) {
            tributaries.add(new Tributary(uniform(rng, 0.3, 0.75) * mouth, rng.nextBoolean() ? 1 : -1,
                    Math.toRadians(uniform(rng, 35, 65)), uniform(rng, 0, 0.1) * drop, uniform(rng, 0.15, 0.3),
                    uniform(rng, 0.35, 0.6) * halfWidth, uniform(rng, 1.6, 2.5)));
        }

        double trunkCentre = mouth + uniform(rng, 0.45, 0.6) * (length - mouth);
        double tilt = uniform(rng, 0.005, 0.02) * (rng.nextBoolean() ? 1 : -1);
        // below the main floor extended to the trunk's centre line, across the whole width despite the tilt
        double mouthSlope = drop * profile.linearWeight() / mouth;
        double depth = mouthSlope * (trunkCentre - mouth) + Math.abs(tilt) * 0.5 * width
                + uniform(rng, 0.3, 0.6) * drop;
        double mouthRelief = section.sideSlope() * halfWidth * (1 + section.widthTrend() * (0.5 - mouth / length));
        TrunkValley trunk = new TrunkValley(trunkCentre, depth, length - trunkCentre,
                depth + uniform(rng, 0.6, 1.0) * mouthRelief, tilt,
                uniform(rng, 2.0, 3.0) * depth);
        return new SyntheticValley(seed, index, crossCells, alongCells, dx, direction, mirrored, profile, centreLine,
                section, basins, tributaries, trunk);
    }

    /**
     * A generator for stream {@code stream}, item {@code index} of the master seed: the seed material mixes all
     * three, so that streams and items are independent of each other.
     */
    static RandomGenerator generator(long seed, String stream, long index) {
        long a = mix(seed ^ mix(stream.hashCode() * 0x9E3779B97F4A7C15L));
        long b = mix(a + 0x9E3779B97F4A7C15L * (index + 1));
        return RandomGeneratorFactory.of(ALGORITHM).create(new byte[] {
            (byte) a, (byte) (a >>> 8), (byte) (a >>> 16), (byte) (a >>> 24), (byte) (a >>> 32), (byte) (a >>> 40),
            (byte) (a >>> 48), (byte) (a >>> 56), (byte) b, (byte) (b >>> 8), (byte) (b >>> 16), (byte) (b >>> 24),
            (byte) (b >>> 32), (byte) (b >>> 40), (byte) (b >>> 48), (byte) (b >>> 56)});
    }

    /** The SplitMix64 finaliser: a bijective scrambling of 64 bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double uniform(RandomGenerator rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    /** 0 with probability p0, 1 with p1, else 2. */
    private static int pick(RandomGenerator rng, double p0, double p1) {
        double u = rng.nextDouble();
        return u < p0 ? 0 : u < p0 + p1 ? 1 : 2;
    }

    private static Ridge ridge(RandomGenerator rng, double length) {
        return new Ridge(uniform(rng, 0, 0.2), uniform(rng, 0.3, 0.8) * length, uniform(rng, 0, 2 * Math.PI));
    }

    /** The grid: {@code crossCells × alongCells} for flow north or south, transposed for east or west. */
    public Grid2D grid() {
        boolean alongX = direction == FlowDirection.EAST || direction == FlowDirection.WEST;
        return alongX ? Grid2D.of(alongCells, crossCells, dx) : Grid2D.of(crossCells, alongCells, dx);
    }

    /**
     * The bed in the valley frame: {@code alongCells} rows of {@code crossCells} values, row 0 at the head, value
     * {@code [a][b]} at the cell centre a = (row + ½)·dx, b = (column + ½)·dx (before mirroring), m a.s.l.
     */
    public double[][] bedInValleyFrame() {
        double length = alongCells * dx;
        double width = crossCells * dx;
        double[][] z = new double[alongCells][crossCells];
        for (int r = 0; r < alongCells; r++) {
            double a = (r + 0.5) * dx;
            for (int c = 0; c < crossCells; c++) {
                z[r][c] = elevation(a, (c + 0.5) * dx, length, width);
            }
        }
        return z;
    }

    /** The bed on {@link #grid()}, in its row-major order, m a.s.l. */
    public double[] bed() {
        double[][] frame = bedInValleyFrame();
        Grid2D grid = grid();
        double[] bed = new double[grid.size()];
        for (int j = 0; j < grid.ny(); j++) {
            for (int i = 0; i < grid.nx(); i++) {
                int along;
                int across;
                switch (direction) {
                    case NORTH -> {
                        along = j;
                        across = i;
                    }
                    case SOUTH -> {
                        along = alongCells - 1 - j;
                        across = i;
                    }
                    case EAST -> {
                        along = i;
                        across = j;
                    }
                    default -> {
                        along = alongCells - 1 - i;
                        across = j;
                    }
                }
                if (mirrored) {
                    across = crossCells - 1 - across;
                }
                bed[grid.index(i, j)] = frame[along][across];
            }
        }
        return bed;
    }

    /** The valley as the bed of a run, with its parameters as the description. */
    public Valley toValley() {
        return new Valley(Valley.SYNTHETIC, index, grid(), bed(), description());
    }

    /** Centre line b_c(a), m. */
    public double centre(double a, double width) {
        return 0.5 * width + Math.tan(centreLine.angle()) * (a - 0.5 * profile.mouthDistance())
                + centreLine.amplitude() * Math.sin(2 * Math.PI * a / centreLine.wavelength() + centreLine.phase());
    }

    private double centreSlope(double a) {
        return Math.tan(centreLine.angle()) + centreLine.amplitude() * 2 * Math.PI / centreLine.wavelength()
                * Math.cos(2 * Math.PI * a / centreLine.wavelength() + centreLine.phase());
    }

    private static double section(double u, double q) {
        return u <= 1 ? Math.pow(u, q) : 1 + q * (u - 1);
    }

    private double elevation(double a, double b, double length, double width) {
        double z = Double.POSITIVE_INFINITY;
        if (a <= trunk.centre()) {
            double bc = centre(a, width);
            double n = (b - bc) / Math.sqrt(1 + square(centreSlope(a)));
            double halfWidth = crossSection.halfWidth() * (1 + crossSection.widthTrend() * (0.5 - a / length));
            Ridge ridge = n < 0 ? crossSection.leftRidge() : crossSection.rightRidge();
            double relief = crossSection.sideSlope() * halfWidth * ridge.factor(a);
            double floor = profile.floor(a);
            for (Overdeepening o : overdeepenings) {
                floor -= o.depth() * Math.exp(-square((a - o.position()) / o.length()) - square(n / o.width()));
            }
            z = floor + relief * section(Math.abs(n) / halfWidth, crossSection.exponent());
            for (Tributary t : tributaries) {
                z = Math.min(z, tributaryElevation(t, a, b, width));
            }
        }
        double end = Math.max(0, Math.abs(b - 0.5 * width) - 0.5 * width * (1 - TRUNK_END_FRACTION))
                / (0.5 * width * TRUNK_END_FRACTION);
        double trunkFloor = profile.floor(trunk.centre()) - trunk.depth() + trunk.tilt() * (b - 0.5 * width)
                + trunk.endRise() * end * end;
        z = Math.min(z, trunkFloor + trunk.relief() * section(Math.abs(a - trunk.centre()) / trunk.halfWidth(), 2));
        return z;
    }

    private double tributaryElevation(Tributary t, double a, double b, double width) {
        double ja = t.junction();
        double jb = centre(ja, width);
        double da = -Math.cos(t.angle());
        double db = t.side() * Math.sin(t.angle());
        double reach = ja / Math.cos(t.angle());
        reach = Math.min(reach, (t.side() > 0 ? width - jb : jb) / Math.sin(t.angle()));
        double s = (a - ja) * da + (b - jb) * db;
        double sc = Math.max(0, Math.min(reach, s));
        double distance = Math.hypot(a - (ja + sc * da), b - (jb + sc * db));
        double x = sc / reach;
        double floor = profile.floor(ja) + t.step() + t.slope() * reach * (0.5 * x + 0.5 * x * x);
        double relief = crossSection.sideSlope() * t.halfWidth();
        return floor + relief * section(distance / t.halfWidth(), t.exponent());
    }

    private static double square(double v) {
        return v * v;
    }

    /** The parameters as text, for the metadata of the runs on this valley. */
    public Map<String, String> description() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("generator", ALGORITHM + " seeded from (seed, index)");
        d.put("seed", Long.toString(seed));
        d.put("index", Integer.toString(index));
        d.put("cells_across", Integer.toString(crossCells));
        d.put("cells_along", Integer.toString(alongCells));
        d.put("dx_m", fmt(dx));
        d.put("flow_direction", direction.name().toLowerCase(Locale.ROOT));
        d.put("mirrored", Boolean.toString(mirrored));
        d.put("mouth_distance_m", fmt(profile.mouthDistance()));
        d.put("mouth_elevation_m", fmt(profile.mouthElevation()));
        d.put("floor_drop_m", fmt(profile.drop()));
        d.put("profile_linear_weight", fmt(profile.linearWeight()));
        d.put("profile_exponent", fmt(profile.exponent()));
        d.put("headwall_height_m", fmt(profile.headwallHeight()));
        d.put("headwall_length_m", fmt(profile.headwallLength()));
        d.put("centre_angle_deg", fmt(Math.toDegrees(centreLine.angle())));
        d.put("sinuosity_amplitude_m", fmt(centreLine.amplitude()));
        d.put("sinuosity_wavelength_m", fmt(centreLine.wavelength()));
        d.put("half_width_m", fmt(crossSection.halfWidth()));
        d.put("width_trend", fmt(crossSection.widthTrend()));
        d.put("side_slope", fmt(crossSection.sideSlope()));
        d.put("section_exponent", fmt(crossSection.exponent()));
        d.put("ridge_amplitudes", fmt(crossSection.leftRidge().amplitude()) + ","
                + fmt(crossSection.rightRidge().amplitude()));
        d.put("overdeepenings", overdeepenings.stream().map(o -> "a=" + fmt(o.position()) + " depth="
                + fmt(o.depth()) + " length=" + fmt(o.length())).reduce((x, y) -> x + ", " + y).orElse("none"));
        d.put("tributaries", tributaries.stream().map(t -> "a=" + fmt(t.junction()) + " side=" + t.side()
                + " angle=" + fmt(Math.toDegrees(t.angle())) + " step=" + fmt(t.step()) + " slope="
                + fmt(t.slope())).reduce((x, y) -> x + ", " + y).orElse("none"));
        d.put("trunk_centre_m", fmt(trunk.centre()));
        d.put("trunk_depth_m", fmt(trunk.depth()));
        d.put("trunk_relief_m", fmt(trunk.relief()));
        d.put("trunk_tilt", fmt(trunk.tilt()));
        d.put("trunk_end_rise_m", fmt(trunk.endRise()));
        return d;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
