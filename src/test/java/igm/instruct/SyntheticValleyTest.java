package igm.instruct;

import igm.InputException;
import igm.grid.Grid2D;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The synthetic valleys: reproducible from the seed, varied, and shaped as valleys. */
class SyntheticValleyTest {

    private static final int ACROSS = 48;
    private static final int ALONG = 112;
    private static final double DX = 100;

    @Test
    void theSameSeedAndIndexGiveTheSameValley() {
        SyntheticValley a = SyntheticValley.random(42, 3, ACROSS, ALONG, DX);
        SyntheticValley b = SyntheticValley.random(42, 3, ACROSS, ALONG, DX);
        assertEquals(a, b);
        assertArrayEquals(a.bed(), b.bed());
        assertEquals(a.toValley().description(), b.toValley().description());
    }

    @Test
    void aFloorSlopeRangeChangesOnlyTheFloorSlope() {
        for (int index = 0; index < 6; index++) {
            SyntheticValley standard = SyntheticValley.random(42, index, ACROSS, ALONG, DX);
            SyntheticValley gentle = SyntheticValley.random(42, index, ACROSS, ALONG, DX, 0.03, 0.05);
            double slope = gentle.profile().drop() / gentle.profile().mouthDistance();
            assertTrue(slope >= 0.03 && slope <= 0.05, "mean floor slope " + slope + " outside [0.03, 0.05]");
            double standardSlope = standard.profile().drop() / standard.profile().mouthDistance();
            assertTrue(standardSlope >= 0.07 && standardSlope <= 0.13, "default slope " + standardSlope);
            // the same draws otherwise
            assertEquals(standard.direction(), gentle.direction());
            assertEquals(standard.mirrored(), gentle.mirrored());
            assertEquals(standard.centreLine(), gentle.centreLine());
            assertEquals(standard.crossSection(), gentle.crossSection());
            assertEquals(standard.tributaries().size(), gentle.tributaries().size());
            assertEquals(standard.profile().mouthElevation(), gentle.profile().mouthElevation());
        }
        assertEquals(SyntheticValley.random(42, 1, ACROSS, ALONG, DX),
                SyntheticValley.random(42, 1, ACROSS, ALONG, DX, 0.07, 0.13));
        assertThrows(IllegalArgumentException.class, () -> SyntheticValley.random(42, 0, ACROSS, ALONG, DX, 0, 0.1));
        assertThrows(IllegalArgumentException.class,
                () -> SyntheticValley.random(42, 0, ACROSS, ALONG, DX, 0.1, 0.05));
    }

    @Test
    void differentSeedsAndIndicesGiveDifferentValleys() {
        Set<SyntheticValley.FlowDirection> directions = EnumSet.noneOf(SyntheticValley.FlowDirection.class);
        Set<Integer> tributaryCounts = new HashSet<>();
        Set<Integer> basinCounts = new HashSet<>();
        Set<Boolean> mirrored = new HashSet<>();
        Set<String> beds = new HashSet<>();
        double shortestMouth = Double.POSITIVE_INFINITY;
        double longestMouth = 0;
        double narrowest = Double.POSITIVE_INFINITY;
        double widest = 0;
        int count = 0;
        for (long seed : new long[] {1, 2}) {
            for (int index = 0; index < 12; index++) {
                SyntheticValley v = SyntheticValley.random(seed, index, ACROSS, ALONG, DX);
                directions.add(v.direction());
                tributaryCounts.add(v.tributaries().size());
                basinCounts.add(v.overdeepenings().size());
                mirrored.add(v.mirrored());
                beds.add(Arrays.toString(v.bed()));
                shortestMouth = Math.min(shortestMouth, v.profile().mouthDistance());
                longestMouth = Math.max(longestMouth, v.profile().mouthDistance());
                narrowest = Math.min(narrowest, v.crossSection().halfWidth());
                widest = Math.max(widest, v.crossSection().halfWidth());
                count++;
            }
        }
        assertEquals(count, beds.size(), "every (seed, index) gives its own bed");
        assertTrue(directions.size() >= 3, "flow directions " + directions);
        assertEquals(Set.of(true, false), mirrored);
        assertTrue(tributaryCounts.contains(0) && tributaryCounts.stream().anyMatch(c -> c > 0),
                "with and without tributaries: " + tributaryCounts);
        assertTrue(basinCounts.contains(0) && basinCounts.stream().anyMatch(c -> c > 0),
                "with and without overdeepenings: " + basinCounts);
        assertTrue(longestMouth - shortestMouth > 0.05 * ALONG * DX, "valley lengths vary");
        assertTrue(widest / narrowest > 1.15, "valley widths vary: " + narrowest + " … " + widest);
    }

    @Test
    void theTroughIsLowerThanItsSidesAndItsFloorDescends() {
        for (int index = 0; index < 8; index++) {
            SyntheticValley v = SyntheticValley.random(11, index, ACROSS, ALONG, DX);
            double[][] z = v.bedInValleyFrame();
            double mouth = v.profile().mouthDistance();
            int headRows = 0;
            double headFloor = 0;
            int mouthRows = 0;
            double mouthFloor = 0;
            double sxy = 0;
            double sxx = 0;
            double sx = 0;
            double sy = 0;
            int rows = 0;
            for (int r = 0; r < ALONG; r++) {
                double a = (r + 0.5) * DX;
                if (a > mouth) {
                    break;
                }
                int centre = (int) Math.floor(v.centre(a, ACROSS * DX) / DX);
                double floor = z[r][centre];
                double left = Arrays.stream(z[r], 0, centre).max().orElseThrow();
                double right = Arrays.stream(z[r], centre + 1, ACROSS).max().orElseThrow();
                assertTrue(Math.min(left, right) > floor + 200, "valley " + index + " row " + r + ": ridges "
                        + left + " and " + right + " m not well above the floor " + floor + " m");
                double rowMinimum = Arrays.stream(z[r]).min().orElseThrow();
                sx += a;
                sy += rowMinimum;
                sxx += a * a;
                sxy += a * rowMinimum;
                rows++;
                if (a < 0.2 * mouth) {
                    headFloor += rowMinimum;
                    headRows++;
                } else if (a > 0.8 * mouth) {
                    mouthFloor += rowMinimum;
                    mouthRows++;
                }
            }
            double slope = (rows * sxy - sx * sy) / (rows * sxx - sx * sx);
            assertTrue(slope < -0.03, "valley " + index + ": the floor descends at " + slope);
            assertTrue(headFloor / headRows > mouthFloor / mouthRows + 0.4 * v.profile().drop(),
                    "valley " + index + ": head " + headFloor / headRows + " m, mouth " + mouthFloor / mouthRows);
            // the lowest part of the domain is the trunk valley below the mouth, inside the domain
            double lowest = Double.POSITIVE_INFINITY;
            int lowestRow = -1;
            for (int r = 0; r < ALONG; r++) {
                for (double value : z[r]) {
                    if (value < lowest) {
                        lowest = value;
                        lowestRow = r;
                    }
                }
            }
            assertTrue(lowestRow * DX > mouth && lowestRow < ALONG - 1, "valley " + index + ": lowest row "
                    + lowestRow);
        }
    }

    @Test
    void overdeepeningsAreClosedBasins() {
        int checked = 0;
        for (int index = 0; index < 12 && checked < 3; index++) {
            SyntheticValley v = SyntheticValley.random(5, index, ACROSS, ALONG, DX);
            if (v.overdeepenings().isEmpty()) {
                continue;
            }
            double[][] z = v.bedInValleyFrame();
            for (SyntheticValley.Overdeepening o : v.overdeepenings()) {
                // along the centre line, the floor downstream of the basin's deepest point rises again
                int row = (int) Math.round(o.position() / DX - 0.5);
                double deepest = Double.POSITIVE_INFINITY;
                double rimDownstream = Double.NEGATIVE_INFINITY;
                for (int r = Math.max(0, row - 3); r <= row + 3; r++) {
                    deepest = Math.min(deepest, centreElevation(v, z, r));
                }
                for (int r = row; r <= Math.min(ALONG - 1, row + (int) Math.ceil(3 * o.length() / DX)); r++) {
                    rimDownstream = Math.max(rimDownstream, centreElevation(v, z, r));
                }
                assertTrue(rimDownstream > deepest + 5, "valley " + index + ": basin at " + o.position()
                        + " m is not closed (deepest " + deepest + ", downstream rim " + rimDownstream + ")");
            }
            checked++;
        }
        assertTrue(checked > 0, "some valley has an overdeepening");
    }

    private static double centreElevation(SyntheticValley v, double[][] z, int row) {
        int centre = (int) Math.floor(v.centre((row + 0.5) * DX, ACROSS * DX) / DX);
        return z[row][centre];
    }

    @Test
    void theGridBedIsTheValleyFrameTurnedToTheFlowDirection() {
        SyntheticValley base = SyntheticValley.random(3, 0, 10, 14, 50);
        for (SyntheticValley.FlowDirection direction : SyntheticValley.FlowDirection.values()) {
            for (boolean mirror : new boolean[] {false, true}) {
                SyntheticValley v = new SyntheticValley(base.seed(), base.index(), 10, 14, 50, direction, mirror,
                        base.profile(), base.centreLine(), base.crossSection(), base.overdeepenings(),
                        base.tributaries(), base.trunk());
                double[][] frame = v.bedInValleyFrame();
                double[] bed = v.bed();
                Grid2D g = v.grid();
                boolean alongX = direction == SyntheticValley.FlowDirection.EAST
                        || direction == SyntheticValley.FlowDirection.WEST;
                assertEquals(alongX ? 14 : 10, g.nx());
                assertEquals(alongX ? 10 : 14, g.ny());
                for (int a = 0; a < 14; a++) {
                    for (int b = 0; b < 10; b++) {
                        int across = mirror ? 9 - b : b;
                        int i;
                        int j;
                        switch (direction) {
                            case NORTH -> {
                                i = across;
                                j = a;
                            }
                            case SOUTH -> {
                                i = across;
                                j = 13 - a;
                            }
                            case EAST -> {
                                i = a;
                                j = across;
                            }
                            default -> {
                                i = 13 - a;
                                j = across;
                            }
                        }
                        assertEquals(frame[a][b], bed[g.index(i, j)], direction + " " + mirror + " a=" + a + " b=" + b);
                    }
                }
            }
        }
    }

    @Test
    void aValleyDoesNotDependOnTheOthers() {
        SyntheticValley alone = SyntheticValley.random(9, 6, ACROSS, ALONG, DX);
        for (int index = 0; index < 6; index++) {
            SyntheticValley.random(9, index, ACROSS, ALONG, DX);
        }
        assertEquals(alone, SyntheticValley.random(9, 6, ACROSS, ALONG, DX));
        assertFalse(alone.equals(SyntheticValley.random(10, 6, ACROSS, ALONG, DX)));
    }

    @Test
    void tooSmallADomainIsRejected() {
        InputException e = assertThrows(InputException.class, () -> SyntheticValley.random(1, 0, 6, 40, 100));
        assertTrue(e.getMessage().contains("8 × 8"), e.getMessage());
    }
}
