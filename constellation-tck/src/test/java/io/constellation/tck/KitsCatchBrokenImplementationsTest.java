package io.constellation.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Each kit fails the tests that a deliberately broken implementation should fail. */
class KitsCatchBrokenImplementationsTest {

  private static Set<String> failedTests(Class<?> kit) {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(kit)).build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(request, listener);
    TestExecutionSummary summary = listener.getSummary();
    assertThat(summary.getTestsFoundCount()).as("tests found in " + kit).isPositive();
    Set<String> failed = new TreeSet<>();
    for (TestExecutionSummary.Failure f : summary.getFailures()) {
      failed.add(f.getTestIdentifier().getDisplayName());
    }
    return failed;
  }

  @Test
  void theCacheKitCatchesABackendThatIgnoresTtls() {
    assertThat(failedTests(BrokenImplementationKits.TtlIgnoringCacheKit.class))
        .contains(
            "entryExpiresAfterItsTtl()",
            "entryTimestampsMatchTheTtl()",
            "zeroAndNegativeTtlsAreRejected()")
        .doesNotContain("setThenGetReturnsTheValue()", "aMapOfEveryValueKindRoundTrips()");
  }

  @Test
  void theSuspensionKitCatchesNonExclusiveClaimsAndWrongOrder() {
    assertThat(failedTests(BrokenImplementationKits.NonExclusiveSuspensionStoreKit.class))
        .contains(
            "aClaimIsExclusiveWhileItIsLive()",
            "sixteenThreadsRacingForOneHandleProduceExactlyOneWinner()",
            "aStaleClaimCannotReleaseTheNewHoldersClaim()",
            "listReturnsOldestFirst()")
        .doesNotContain("aSavedSuspensionLoadsBackEqual()");
  }

  @Test
  void theSuspensionKitCatchesFencedWritesThatIgnoreTheClaim() {
    assertThat(failedTests(BrokenImplementationKits.UnfencedSuspensionStoreKit.class))
        .containsExactlyInAnyOrder(
            "anExpiredClaimIsLostEvenIfNobodyTookItOver()",
            "fencedWritesWithAReleasedClaimThrowClaimLostAndChangeNothing()",
            "fencedWritesWithAStaleClaimThrowAfterAnotherEngineTookOverTheExpiredLease()",
            "fencedWritesWithAClaimOnAnotherHandleAreRejected()");
  }

  @Test
  void theSuspensionKitCatchesRenewalsOfLostClaims() {
    assertThat(failedTests(BrokenImplementationKits.NonExclusiveSuspensionStoreKit.class))
        .contains(
            "renewOfAReleasedClaimIsEmpty()",
            "renewAfterAnotherTookOverTheExpiredLeaseIsEmpty()",
            "renewAfterTheSuspensionWasDeletedIsEmpty()");
  }

  @Test
  void thePipelineStoreKitCatchesUncheckedAliasesAndLeakedAliases() {
    assertThat(failedTests(BrokenImplementationKits.LeakyPipelineStoreKit.class))
        .containsExactly(
            "aliasingAnUnknownHashThrowsPipelineNotFound()",
            "removeDropsTheAliasesOfThatImageOnly()");
  }

  @Test
  void theMetricsKitCatchesIgnoredTagsAndAddingGauges() {
    assertThat(failedTests(BrokenImplementationKits.TagBlindMetricsKit.class))
        .contains(
            "tagValuesDistinguishCounterSeries()",
            "tagValuesDistinguishHistogramSeries()",
            "aGaugeTakesTheLastValue()",
            "everyCatalogMetricCanBeEmittedWithItsTags()")
        .doesNotContain("aCounterIncrementsByOnePerCall()", "aHistogramRecordsCountAndSum()");
  }

  @Test
  void theListenerKitCatchesLostTerminalsAndThrowingListeners() {
    assertThat(failedTests(BrokenImplementationKits.ForgetfulListenerKit.class))
        .contains(
            "aSuccessfulRunIsDeliveredInOrder()",
            "aCancelledRunEndsWithExecutionCancelled()",
            "oddInputDoesNotThrowAndIsStillDelivered()");
  }
}
