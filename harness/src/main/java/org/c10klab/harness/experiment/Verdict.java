package org.c10klab.harness.experiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.c10klab.harness.flood.FloodConfig;
import org.c10klab.harness.flood.Outcome;
import org.c10klab.harness.report.Plural;
import org.c10klab.harness.report.Units;
import org.c10klab.harness.stats.Claim;
import org.c10klab.harness.stats.ClaimJudge;
import org.c10klab.harness.stats.Direction;
import org.c10klab.harness.stats.Spread;
import org.c10klab.server.DurationConverter;

/**
 * The plain-language verdict of a comparison: who answered everything, what failed where and why, which
 * differences between models hold beyond the machine's noise, and what holding the connections cost in
 * threads. A difference in latency, throughput, CPU or memory is stated only where its claim is
 * significant; every sentence is computed from the trials, and one whose numbers are missing is left out.
 */
public final class Verdict {

    /** A thread-count ratio below this is the JVM's own threads, not the model's doing: not worth a sentence. */
    private static final double NOTABLE_RATIO = 1.5;

    private Verdict() {
    }

    /**
     * The claims a verdict may draw: every pair of models on every judged figure, corrected together at
     * {@link ClaimJudge#DEFAULT_ALPHA}. Only models with at least two counted trials take part, and of those only
     * the ones that answered everything in every trial when two or more did: a model that failed its work (serial
     * cut off at its cap) used less CPU and memory for doing less, and ranking it would mislead; its failures
     * are told instead. Fewer pairs also leave each claim more power under the correction.
     */
    public static List<Claim> claims(List<ModelResult> models) {
        List<ModelResult> judged = models.stream().filter(model -> model.counted().size() >= 2).toList();
        List<ModelResult> complete = judged.stream().filter(ModelResult::answeredEverything).toList();
        Map<String, ModelResult> byLabel = new LinkedHashMap<>();
        (complete.size() >= 2 ? complete : judged).forEach(model -> byLabel.put(model.label(), model));
        return new ClaimJudge(ClaimJudge.DEFAULT_ALPHA).judge(List.copyOf(byLabel.keySet()),
                TrialMetric.judged().stream().map(TrialMetric::metric).toList(),
                (label, metric) -> byLabel.get(label).trialValues(TrialMetric.named(metric.name())));
    }

    /** The verdict sentences for {@code models}, the groups of trials of {@code plan}, judged by {@code claims}. */
    public static List<String> of(ComparePlan plan, List<ModelResult> models, List<Claim> claims) {
        List<String> lines = new ArrayList<>();
        List<ModelResult> measured = models.stream().filter(model -> !model.counted().isEmpty()).toList();
        List<ModelResult> complete = measured.stream().filter(ModelResult::answeredEverything).toList();
        answered(plan, measured, complete, lines);
        for (ModelResult model : measured) {
            if (!model.answeredEverything()) {
                lines.add(failures(plan.flood(), model));
            }
        }
        differences(claims, lines);
        noClearDifferences(models, claims, lines);
        if (claims.isEmpty() && measured.size() >= 2) {
            lines.add("No difference in latency, throughput, CPU or memory is claimed: telling one from the machine's "
                    + "noise takes at least two trials of each model (--repeat; with five, a fourfold difference "
                    + "shows almost every time).");
        }
        // Ratios against a model that failed most of its work would flatter nobody: compare those that did it all.
        threads(plan, measured, complete.size() >= 2 ? complete : measured, lines);
        conclusion(complete, claims, lines);
        notMeasuredAsAsked(models, lines);
        return lines;
    }

    private static void answered(ComparePlan plan, List<ModelResult> measured, List<ModelResult> complete,
                                 List<String> lines) {
        if (measured.isEmpty()) {
            lines.add("No model was measured.");
            return;
        }
        if (complete.isEmpty()) {
            lines.add("No model answered every request.");
            return;
        }
        Long planned = plan.requestsPlanned();
        String names = Units.and(complete.stream().map(ModelResult::label).toList());
        String everyTrial = plan.repeat() > 1 ? " in every trial" : "";
        lines.add(planned == null
                ? names + " answered every request " + (complete.size() == 1 ? "it" : "they") + " sent, with no "
                        + "failures" + everyTrial + "."
                : names + " answered all " + Plural.of(planned, "request") + " from all "
                        + Plural.of(plan.flood().connections(), "connection") + everyTrial + ".");
    }

    /** What a model's failing trials lost, told by the median one of them, and why. */
    private static String failures(FloodConfig flood, ModelResult model) {
        List<ModelRun> counted = model.counted();
        List<ModelRun> failing = counted.stream().filter(run -> !run.summary().answeredEverything())
                .sorted(Comparator.comparingLong(run -> run.summary().requestsOk())).toList();
        ModelRun run = failing.get((failing.size() - 1) / 2);
        ModelSummary s = run.summary();
        StringBuilder line = new StringBuilder(model.label()).append(" answered ").append(s.requestsOk())
                .append(" of ").append(s.requestsPlanned() != null
                        ? s.requestsPlanned() + " planned " + Plural.noun(s.requestsPlanned(), "request")
                        : s.requestsSent() + " sent " + Plural.noun(s.requestsSent(), "request"));
        List<String> failed = new ArrayList<>();
        s.requestFailures().forEach((outcome, count) -> failed.add(count + " " + outcome));
        s.connectFailures().forEach((outcome, count) -> failed.add(count + " connect " + outcome));
        if (!failed.isEmpty()) {
            line.append(" (").append(String.join(", ", failed)).append(')');
        }
        if (counted.size() > 1) {
            line.append(failing.size() == counted.size() ? " in its median trial of " + counted.size()
                    : " in the median of the " + failing.size() + " of its " + Plural.of(counted.size(), "trial")
                            + " that fell short");
            long fewest = failing.getFirst().summary().requestsOk();
            long most = failing.getLast().summary().requestsOk();
            if (fewest != most) {
                line.append(" (").append(fewest).append('-').append(most).append(" answered)");
            }
        }
        if (s.requestsPlanned() != null && s.requestsSent() < s.requestsPlanned()) {
            long unsent = s.requestsPlanned() - s.requestsSent();
            line.append("; ").append(unsent).append(' ').append(Plural.was(unsent))
                    .append(" never sent because their connection had already failed");
        }
        List<String> why = reasons(flood, run);
        if (!why.isEmpty()) {
            line.append(": ").append(String.join("; ", why));
        }
        return line.append('.').toString();
    }

    private static List<String> reasons(FloodConfig flood, ModelRun run) {
        ModelSummary s = run.summary();
        List<String> why = new ArrayList<>();
        long served = s.connectsOk() - s.unanswered();
        if (s.unanswered() > 0 && s.peakServerConnections() != null && s.peakServerConnections() <= 1 && served > 0) {
            why.add(String.format(Locale.ROOT, "it never held more than %d connection at a time, and got through "
                    + "%d of them, about %s each, before the clients' %s response timeout", s.peakServerConnections(),
                    served, Units.latency(1000 * s.elapsedSeconds() / served),
                    DurationConverter.format(flood.responseTimeout())));
        }
        if (s.unanswered() > 0) {
            why.add(Plural.of(s.unanswered(), "connection") + " " + Plural.was(s.unanswered()) + " connected (the kernel completed their handshakes and queued "
                    + "them) but never got a reply: connected is not served");
        }
        long connectTimeouts = s.connectFailures().getOrDefault(Outcome.CONNECT_TIMEOUT.label(), 0L);
        if (connectTimeouts > 0) {
            why.add(Plural.of(connectTimeouts, "connect") + " got no SYN-ACK within " + DurationConverter.format(
                    flood.connectTimeout()) + ", which on loopback means the accept queue"
                    + (run.server() == null ? "" : " (limit " + run.server().backlog() + ")")
                    + " was full and the kernel dropped their SYNs");
        }
        Map<String, Long> errors = run.artifacts() == null ? Map.of()
                : run.artifacts().result().requests().details(Outcome.ERROR_REPLY);
        if (!errors.isEmpty()) {
            why.add("the server answered with errors: " + errors.entrySet().stream().limit(2)
                    .map(e -> "'" + e.getKey() + "' x " + e.getValue()).collect(Collectors.joining(", ")));
        }
        long closed = s.requestFailures().getOrDefault(Outcome.CLOSED.label(), 0L);
        if (closed > 0) {
            why.add(Plural.of(closed, "request") + " " + Plural.was(closed) + " cut off when the server closed the connection before replying");
        }
        if (run.status() == RunStatus.CAPPED) {
            why.add("its flood was " + run.detail() + ", so what was still waiting counts as cancelled");
        }
        return why;
    }

    /** One sentence per figure and better model, for every significant claim. */
    private static void differences(List<Claim> claims, List<String> lines) {
        for (TrialMetric metric : TrialMetric.judged()) {
            Map<String, List<Claim>> byBetter = claims.stream()
                    .filter(claim -> claim.significant() && claim.metric().equals(metric.metric().name()))
                    .collect(Collectors.groupingBy(Claim::better, LinkedHashMap::new, Collectors.toList()));
            byBetter.forEach((better, won) -> lines.add(difference(metric, better, won)));
        }
    }

    /**
     * E.g. {@code netty's request p99 is lower than pool's: pool's is 7.9x [5.1-12.2] at 5 trials each.}, or for a
     * figure that is better high, {@code netty's req/s is higher than pool's: netty's is 3.0x pool's [2.2-4.1] ...}.
     */
    static String difference(TrialMetric metric, String better, List<Claim> won) {
        boolean lowerIsBetter = metric.metric().direction() == Direction.LOWER_IS_BETTER;
        List<String> parts = new ArrayList<>();
        for (Claim claim : won) {
            String ratio = Units.ratio(claim.ratio());
            String interval = Units.interval(claim.interval().get(0), claim.interval().get(1));
            String worse = Units.possessive(claim.worse());
            boolean first = parts.isEmpty();
            parts.add(lowerIsBetter
                    ? worse + (first ? " is " : " ") + ratio + " " + interval
                    : (first ? Units.possessive(better) + " is " : "") + ratio + " " + worse + " " + interval);
        }
        return Units.possessive(better) + " " + metric.metric().label() + " is " + (lowerIsBetter ? "lower" : "higher")
                + " than " + Units.and(won.stream().map(claim -> Units.possessive(claim.worse())).toList()) + ": "
                + Units.and(parts) + (parts.size() > 1 ? "," : "") + " at " + trials(won) + ".";
    }

    /**
     * One sentence per set of figures on which some pairs of models did not differ beyond the noise, naming those
     * pairs: five models make ten pairs, and a sentence each would bury the differences that hold.
     */
    private static void noClearDifferences(List<ModelResult> models, List<Claim> claims, List<String> lines) {
        List<String> order = models.stream().map(ModelResult::label).toList();
        Map<List<String>, List<Claim>> byPair = claims.stream().filter(claim -> !claim.significant())
                .collect(Collectors.groupingBy(claim -> pair(order, claim), LinkedHashMap::new, Collectors.toList()));
        Map<List<String>, List<List<String>>> pairsByFigures = new LinkedHashMap<>();
        byPair.keySet().stream().sorted(Comparator.comparing((List<String> pair) -> order.indexOf(pair.get(0)))
                        .thenComparing(pair -> order.indexOf(pair.get(1))))
                .forEach(pair -> pairsByFigures.computeIfAbsent(byPair.get(pair).stream().map(Claim::label).toList(),
                        figures -> new ArrayList<>()).add(pair));
        pairsByFigures.forEach((figures, pairs) -> lines.add(noClearDifference(pairs, figures,
                trials(pairs.stream().flatMap(pair -> byPair.get(pair).stream()).toList()))));
    }

    /** E.g. {@code No clear difference between netty and virtual at 5 trials each in request p50 and peak RSS.} */
    static String noClearDifference(List<List<String>> pairs, List<String> figures, String trials) {
        List<String> named = pairs.stream().map(pair -> pair.get(0) + " and " + pair.get(1)).toList();
        String between = named.size() == 1 ? named.getFirst()
                : String.join(", ", named.subList(0, named.size() - 1)) + ", or " + named.getLast() + ",";
        return "No clear difference between " + between + " at " + trials + " in " + Units.and(figures) + ".";
    }

    private static List<String> pair(List<String> order, Claim claim) {
        return order.indexOf(claim.better()) < order.indexOf(claim.worse())
                ? List.of(claim.better(), claim.worse()) : List.of(claim.worse(), claim.better());
    }

    /** {@code 5 trials each}, or {@code 4-5 trials each} when some trials did not count. */
    private static String trials(List<Claim> claims) {
        int fewest = claims.stream().flatMap(claim -> claim.trials().stream()).mapToInt(Integer::intValue).min()
                .orElse(0);
        int most = claims.stream().flatMap(claim -> claim.trials().stream()).mapToInt(Integer::intValue).max()
                .orElse(0);
        return (fewest == most ? Integer.toString(most) : fewest + "-" + most) + " " + Plural.noun(most, "trial")
                + " each";
    }

    private static void threads(ComparePlan plan, List<ModelResult> measured, List<ModelResult> peers,
                                List<String> lines) {
        List<ModelResult> sampled = measured.stream()
                .filter(model -> model.median(TrialMetric.PEAK_OS_THREADS) != null).toList();
        if (sampled.isEmpty()) {
            return;
        }
        String medians = plan.repeat() > 1 ? " (medians of the trials; a range where they varied)" : "";
        StringBuilder line = new StringBuilder("Peak OS threads").append(medians).append(": ").append(sampled.stream()
                .map(model -> model.label() + " " + count(model.spread(TrialMetric.PEAK_OS_THREADS)))
                .collect(Collectors.joining(", ")));
        List<ModelResult> comparable = peers.stream().filter(sampled::contains).toList();
        if (comparable.size() >= 2) {
            ratio(plan.flood(), comparable, line);
        }
        lines.add(line.append('.').toString());
        for (ModelResult model : sampled) {
            Double virtual = model.median(TrialMetric.PEAK_VIRTUAL_THREADS);
            if (virtual != null && virtual > 0) {
                lines.add(model.label() + " ran up to " + count(model.spread(TrialMetric.PEAK_VIRTUAL_THREADS))
                        + " virtual threads on at most " + count(model.spread(TrialMetric.PEAK_OS_THREADS))
                        + " OS threads" + (plan.repeat() > 1 ? " (medians)" : "") + ".");
            }
        }
    }

    private static void ratio(FloodConfig flood, List<ModelResult> comparable, StringBuilder line) {
        Function<ModelResult, Double> threads = model -> model.median(TrialMetric.PEAK_OS_THREADS);
        ModelResult most = comparable.stream().max(Comparator.comparing(threads)).orElseThrow();
        ModelResult fewest = comparable.stream().min(Comparator.comparing(threads)).orElseThrow();
        double top = threads.apply(most);
        if (top >= NOTABLE_RATIO * threads.apply(fewest)) {
            line.append(". ").append(most.label()).append(" needed ").append(Units.ratio(top / threads.apply(fewest)))
                    .append(" the threads of ").append(fewest.label());
            Double before = most.median(TrialMetric.OS_THREADS_BEFORE);
            if (before != null && top > before) {
                line.append(String.format(Locale.ROOT, ": it started %.0f more during the flood, %.2f per connection",
                        top - before, (top - before) / flood.connections()));
            }
        }
    }

    /**
     * The claim the old single-run verdict made unconditionally, now only when it holds: one model that answered
     * everything had a request p99 significantly lower than every other model that did.
     */
    private static void conclusion(List<ModelResult> complete, List<Claim> claims, List<String> lines) {
        if (complete.size() < 2) {
            return;
        }
        String p99 = TrialMetric.REQUEST_P99.metric().name();
        for (ModelResult model : complete) {
            boolean fastest = complete.stream().filter(other -> other != model).allMatch(other -> claims.stream()
                    .anyMatch(claim -> claim.significant() && claim.metric().equals(p99)
                            && claim.better().equals(model.label()) && claim.worse().equals(other.label())));
            if (!fastest) {
                continue;
            }
            StringBuilder line = new StringBuilder("On this machine, for this flood, ").append(model.label())
                    .append(" answered everything with a request p99 lower, beyond the noise, than every other model "
                            + "that did");
            Double threads = model.median(TrialMetric.PEAK_OS_THREADS);
            boolean leanest = threads != null && complete.stream().allMatch(other -> other == model
                    || other.median(TrialMetric.PEAK_OS_THREADS) != null
                    && other.median(TrialMetric.PEAK_OS_THREADS) > threads);
            if (leanest) {
                line.append(", and with the fewest OS threads (").append(count(model.spread(
                        TrialMetric.PEAK_OS_THREADS))).append(')');
            }
            lines.add(line.append('.').toString());
        }
    }

    private static void notMeasuredAsAsked(List<ModelResult> models, List<String> lines) {
        List<String> skipped = new ArrayList<>();
        List<String> partlySkipped = new ArrayList<>();
        for (ModelResult model : models) {
            List<ModelRun> failed = model.runs().stream().filter(run -> run.status().failedToRun()).toList();
            if (!failed.isEmpty()) {
                String detail = failed.getFirst().detail() == null ? "no reason given" : failed.getFirst().detailLine();
                lines.add(model.label() + " could not be measured as asked" + (model.runs().size() > 1
                        ? " in " + failed.size() + " of its " + Plural.of(model.runs().size(), "trial") : "") + ": "
                        + detail + ".");
            }
            long notRun = model.runs().stream().filter(run -> run.status() == RunStatus.SKIPPED).count();
            if (notRun == model.runs().size()) {
                skipped.add(model.label());
            } else if (notRun > 0) {
                partlySkipped.add(notRun + " of " + Units.possessive(model.label()) + " "
                        + Plural.of(model.runs().size(), "trial"));
            }
        }
        if (!skipped.isEmpty()) {
            lines.add("Stopped by Ctrl-C before " + Units.and(skipped) + " had "
                    + (skipped.size() == 1 ? "its" : "their") + " turn.");
        }
        if (!partlySkipped.isEmpty()) {
            lines.add("Stopped by Ctrl-C before " + Units.and(partlySkipped) + " ran.");
        }
    }

    /** A count's median, with its range where the trials differed: {@code 24} or {@code 159 [150-170]}. */
    private static String count(Spread spread) {
        return Units.spread(spread.median(), spread.min(), spread.max(), Units::whole);
    }
}
