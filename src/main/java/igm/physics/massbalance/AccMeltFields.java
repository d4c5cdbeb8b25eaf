package igm.physics.massbalance;

/**
 * The gridded fields an accmelt model needs, on the model grid ({@link AccMeltMassBalance}).
 *
 * @param radiationDays  the days of year of the radiation fields, increasing, in [1, 365]
 * @param radiation      direct radiation, W m⁻², one field per radiation day
 * @param redistribution snow redistribution factor, dimensionless
 */
public record AccMeltFields(double[] radiationDays, double[][] radiation, double[] redistribution) {
}
